// accord policy check | render | schema
import { parseArgs } from 'node:util';
import { formatProblem, loadPolicyFile, policyJsonSchema } from '../policy/index.ts';
import { publishedOn, renderPolicy } from '../policy/render/index.ts';
import { UsageError, type Io } from './main.ts';

export async function policyCheck(args: string[], io: Io): Promise<number> {
  const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
  if (positionals.length === 0) throw new UsageError('name at least one policy file');
  let failed = 0;
  for (const file of positionals) {
    const result = await loadPolicyFile(file);
    if (result.ok) io.out(`${file}: ok (${result.file.plans.length} plans, ${result.file.severities.length} severities)\n`);
    else {
      failed++;
      for (const p of result.problems) io.err(`${formatProblem(p)}\n`);
    }
  }
  return failed === 0 ? 0 : 1;
}

export async function policyRender(args: string[], io: Io): Promise<number> {
  const { positionals, values } = parseArgs({ args, allowPositionals: true, options: { format: { type: 'string', default: 'md' }, year: { type: 'string' } } });
  if (positionals.length !== 1) throw new UsageError('name exactly one policy file');
  if (values.format !== 'md' && values.format !== 'html') throw new UsageError('--format must be md or html');
  const result = await loadPolicyFile(positionals[0]);
  if (!result.ok) {
    for (const p of result.problems) io.err(`${formatProblem(p)}\n`);
    return 1;
  }
  // The transport reads the clock once: holidays are listed for the current year where the vendor is
  // (publishedOn) unless --year says otherwise.
  const year = values.year === undefined ? publishedOn(result.policy, Temporal.Now.instant()).year : Number(values.year);
  if (!Number.isInteger(year) || year < 1970 || year > 2200) throw new UsageError('--year must be a year like 2026');
  io.out(renderPolicy(result.policy, values.format, { year }));
  return 0;
}

export async function policySchema(_args: string[], io: Io): Promise<number> {
  io.out(`${JSON.stringify(policyJsonSchema(), null, 2)}\n`);
  return 0;
}

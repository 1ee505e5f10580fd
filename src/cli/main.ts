// The `accord` command line: a thin transport over the policy, SLA, customers and backup modules.
// Every failure is a message and an exit code, never a stack trace.
import { dbExport, dbImport } from './db-commands.ts';
import { policyCheck, policyRender, policySchema } from './policy-commands.ts';
import { slaSimulate } from './sla-commands.ts';
import { tokenCreate, tokenList, tokenRevoke } from './token-commands.ts';

export type Io = { out: (s: string) => void; err: (s: string) => void };

export class UsageError extends Error {}

const USAGE = `Usage:
  accord policy check FILE...
  accord policy render FILE [--format md|html] [--year YYYY]
  accord policy schema
  accord sla simulate --policy FILE --plan ID --severity N --opened ISO [--channel C] [--pause FROM/TO]... [--pause-status STATUS] [--json]
      (--channel: a channel id or kind; --json: {"targets":[...]}; a request the plan does not take through --channel,
       or one closed at --opened that no after-hours rule takes it through: "targets":[] and its "refusal")
  accord token create --email E [--name N] [--days D] [--read-only] [--scope AREA:read|AREA:write ...]
  accord token list --email E [--json]
  accord token revoke --id TOKEN_ID
  accord db export --out FILE
  accord db import --in FILE
`;

const COMMANDS: Record<string, (args: string[], io: Io) => Promise<number>> = {
  'policy check': policyCheck,
  'policy render': policyRender,
  'policy schema': policySchema,
  'sla simulate': slaSimulate,
  'token create': tokenCreate,
  'token list': tokenList,
  'token revoke': tokenRevoke,
  'db export': dbExport,
  'db import': dbImport,
};

export async function main(argv: string[], io: Io): Promise<number> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === 'help') {
    io.out(USAGE);
    return argv.length === 0 ? 2 : 0;
  }
  const name = `${argv[0]} ${argv[1] ?? ''}`.trim();
  const command = COMMANDS[name];
  if (!command) {
    io.err(`accord: unknown command "${name}"\n${USAGE}`);
    return 2;
  }
  try {
    return await command(argv.slice(2), io);
  } catch (e) {
    if (e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.err(`accord ${name}: ${(e as Error).message}\n${USAGE}`);
      return 2;
    }
    const details = (e as { details?: Array<{ path: string; message: string }> }).details ?? [];
    io.err(`accord ${name}: ${(e as Error).message}\n${details.map((d) => `  ${d.path}: ${d.message}\n`).join('')}`);
    return 1;
  }
}

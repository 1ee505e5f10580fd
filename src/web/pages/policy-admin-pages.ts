// The policy editor for admins: upload or edit the YAML, see every problem at its line, preview
// the page it would publish and its diff against the active version, then activate it. And the
// SLA simulator, whose fields belong to the editor's form: it runs on the draft in the editor when
// that is a valid policy (on the active version otherwise, said so), and the draft comes back as
// typed. Validation, rendering, activation and simulation are the policy, sla and policy-versions
// domains' own functions; this file only shows their answers.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ADMINS, ctxFor } from '../../http/route-kit.ts';
import { simulationRequest } from '../../http/simulation-input.ts';
import { canonicalZone } from '../../customers/index.ts';
import { isAccordError, type ErrorDetail } from '../../platform/index.ts';
import { lineOfPath, loadPolicySource, pathWords, publishedOn, renderPolicy, supportReductions, type PolicyModel, type PolicyProblem } from '../../policy/index.ts';
import { activatePolicy, activePolicy, openTicketCount, reprojectionProgress, type Reprojecting } from '../../policy-versions/index.ts';
import type { Simulation } from '../../sla/index.ts';
import { simulateRequest } from '../../tickets/index.ts';
import { formatters } from '../format.ts';
import { formOf, optional, page, zonedFieldText, type Form, type WebDeps } from '../page-kit.ts';
import { sendPage } from '../render.ts';
import { inListedOrder, levelWords } from '../level-words.ts';
import { zoneChoices } from '../zone-choices.ts';
import { policyBody } from './published-pages.ts';

type Line = { n: number; text: string; problems: PolicyProblem[] };

/** The source as numbered lines, each carrying the problems found on it. */
export function linesWithProblems(source: string, problems: PolicyProblem[]): Line[] {
  return source.split('\n').map((text, i) => ({ n: i + 1, text, problems: problems.filter((p) => p.line === i + 1) }));
}

type Editor = {
  source: string;
  problems?: PolicyProblem[] | null;
  lines?: Line[] | null;
  preview?: string | null;
  diff?: Array<{ kind: 'add' | 'del' | 'same'; text: string }> | null;
  activationError?: { message: string; details: Array<ErrorDetail & { line: number | null; field: string }> } | null;
  /** What a valid draft takes away that the policy in force promised never to reduce: activation would be refused, said before. */
  reductions?: Array<ErrorDetail & { line: number | null; field: string }> | null;
  simulation?: Simulation | null;
  simulationError?: { message: string; details: ErrorDetail[] } | null;
  simForm?: Form;
  /** The valid draft in the editor: the simulator's form offers its plans, severities and channels. */
  draft?: PolicyModel | null;
  /** The policy a simulation ran on: the draft, or the active version (with the draft's problems, if any). */
  simulatedOn?: { draft: boolean; problems: number } | null;
};

/** The editor's text as the forms send it, with its line ends as the file's. */
const sourceOf = (form: Form) => (form.source ?? '').replace(/\r\n?/g, '\n');

/** The zones the simulator offers for "opened": those of the policy's support hours, then UTC, named as the vendor names them. */
const zonesOf = (policy: PolicyModel) => zoneChoices(policy.file.calendars);

async function showEditor(request: FastifyRequest, reply: FastifyReply, deps: WebDeps, editor: Editor, status = 200) {
  const active = await activePolicy(deps.db);
  const done = (request.query as { done?: string }).done;
  const sim = editor.draft ?? active.model;
  const moving = await reprojectionProgress(deps.db);
  return sendPage(request, reply, 'admin/policy', {
    title: 'Support policy', active: { version: active.version, activatedAt: active.activatedAt },
    // The levels by the policy's word and names, in its order (OpenKey: "Tier", Tier 1 Support first).
    plans: [...sim.plans.values()], severities: inListedOrder(sim, sim.severities.values()), level: levelWords(sim),
    channels: sim.file.channels,
    // The simulator's "opened" is typed in a zone of the policy's support hours (the first by default) or UTC.
    zones: zonesOf(sim),
    problems: null, lines: null, preview: null, diff: null, activationError: null, simulation: null, simulationError: null, simForm: {}, simulatedOn: null,
    ...editor,
    // In the order of the file, as the annotated lines below show them.
    ...(editor.problems
      ? { problems: [...editor.problems].sort((a, b) => a.line - b.line || a.column - b.column) }
      : {}),
    flash: done === 'activated' ? { kind: 'ok', text: activatedText(active.version, moving) } : null,
    // Open tickets still moving onto the active version (a job, ADR 0011), said until they all run on it.
    moving,
    // What activating the draft does to the tickets in flight: how many move onto it.
    openTickets: editor.preview ? await openTicketCount(deps.db) : null,
    f: formatters(deps.clock.now()),
  }, status);
}

/**
 * The flash after an activation: every open ticket is on the version already, or they are moving
 * onto it (the policy-reproject job, every two seconds), so many so far. Never "were re-projected"
 * while some are not.
 */
function activatedText(version: number, moving: Reprojecting | null): string {
  return moving
    ? `Version ${version} is active. Its targets apply to open tickets as each is moved onto it: ${moving.done} of ${moving.total} so far.`
    : `Version ${version} is active, and every open ticket runs on it.`;
}

export function registerPolicyAdminPages(web: FastifyInstance, deps: WebDeps): void {
  const doneQuery = { querystring: { type: 'object', properties: { done: { type: 'string', maxLength: 20 } } } };
  web.get('/admin/policy', page(ADMINS, doneQuery), async (request, reply) => {
    const { model } = await activePolicy(deps.db);
    return showEditor(request, reply, deps, { source: model.source });
  });

  web.post('/admin/policy/preview', page(ADMINS), async (request, reply) => {
    // The simulator's choices come along (its fields are in this form) and stay chosen.
    const form = formOf(request);
    const source = sourceOf(form);
    const loaded = loadPolicySource(source, 'policy');
    if (!loaded.ok) return showEditor(request, reply, deps, { source, problems: loaded.problems, lines: linesWithProblems(source, loaded.problems), simForm: form }, 400);
    const { model: active } = await activePolicy(deps.db);
    // The draft's own year where its vendor is: the preview lists the holidays its page will.
    const year = publishedOn(loaded.policy, deps.clock.now()).year;
    // Loaded on first use: only admins previewing a policy need it (idle memory, bench:start).
    const { diffLines } = await import('diff');
    const diff = diffLines(active.source, source).flatMap((part) =>
      part.value.replace(/\n$/, '').split('\n').map((text) => ({ kind: part.added ? ('add' as const) : part.removed ? ('del' as const) : ('same' as const), text })),
    );
    // A version the policy in force would refuse (changes.never_reduce_support) is said so now, at its lines, not offered for activation.
    const reductions = active.file.changes?.never_reduce_support
      ? supportReductions(active, loaded.policy).map((d) => ({ ...d, line: lineOfPath(source, d.path), field: pathWords(d.path) }))
      : [];
    return showEditor(request, reply, deps, { source, preview: policyBody(renderPolicy(loaded.policy, 'html', { year })), diff, problems: [], draft: loaded.policy, simForm: form, reductions });
  });

  web.post('/admin/policy/activate', page(ADMINS), async (request, reply) => {
    const source = sourceOf(formOf(request));
    try {
      await activatePolicy({ ctx: ctxFor(request, deps), input: { source } });
    } catch (error) {
      if (!isAccordError(error) || !['invalid_input', 'conflict'].includes(error.code)) throw error;
      const loaded = loadPolicySource(source, 'policy');
      const problems = loaded.ok ? [] : loaded.problems;
      // A bad file's problems are listed at their lines below; anything else (a reduction, a plan
      // still in use) is said at the line of the new version that holds it, the field in words.
      const details = problems.length ? [] : error.details.map((d) => ({ ...d, line: lineOfPath(source, d.path), field: pathWords(d.path) }));
      return showEditor(request, reply, deps, {
        source, problems, lines: problems.length ? linesWithProblems(source, problems) : null, activationError: { message: error.message, details },
      }, error.code === 'conflict' ? 409 : 400);
    }
    return reply.redirect('/admin/policy?done=activated', 303);
  });

  web.post('/admin/policy/simulate', page(ADMINS), async (request, reply) => {
    const form = formOf(request);
    const { model: active } = await activePolicy(deps.db);
    // A post without the editor's text (the simulator's fields alone) runs on the active version.
    const source = form.source === undefined ? active.source : sourceOf(form);
    const loaded = source === active.source ? null : loadPolicySource(source, 'policy');
    const draft = loaded?.ok ? loaded.policy : null;
    const problems = loaded && !loaded.ok ? loaded.problems : null;
    const model = draft ?? active;
    const kept: Editor = {
      source, draft, simForm: form, simulatedOn: { draft: draft !== null, problems: problems?.length ?? 0 },
      ...(problems ? { problems, lines: linesWithProblems(source, problems) } : {}),
    };
    // A zone that is none is refused beside its field, not read as UTC: the due times would be hours off.
    const zone = optional(form, 'zone');
    const badZone = zone !== undefined && canonicalZone(zone) === null;
    const refused = badZone ? [{ path: 'zone', message: `is not a time zone: choose one of ${zonesOf(model).map((z) => z.label).join(', ')}` }] : [];
    try {
      const facts = simulationRequest(model, {
        plan: form.plan ?? '', severity: Number(form.severity), opened: zonedFieldText(optional(form, 'opened'), badZone ? undefined : zone) ?? '',
        ...(optional(form, 'channel') ? { channel: optional(form, 'channel') } : {}),
      }, 'names', refused);
      return showEditor(request, reply, deps, { ...kept, simulation: simulateRequest(model, facts) });
    } catch (error) {
      if (!isAccordError(error) || error.code !== 'invalid_input') throw error;
      return showEditor(request, reply, deps, { ...kept, simulationError: { message: error.message, details: error.details } }, 400);
    }
  });
}

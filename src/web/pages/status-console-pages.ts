// The status page console for agents: what the public page shows now (components, open incidents,
// maintenance), and the forms a support team uses during an outage: open an incident, post its
// next update (component statuses with it), publish a postmortem, record a hotfix (documented as a
// postmortem), schedule maintenance, set a component's status (its subscribers are mailed). Each
// form is one verb of src/status, with the same audience as its API route (agents); a refusal
// shows the console again with the verb's message and the fields it names. A policy that
// publishes no status page (OpenBack, OPS-COM) gets a page saying so, and the verbs' "not found"
// on a post.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AGENTS, ctxFor, readCtxFor } from '../../http/route-kit.ts';
import type { Ctx } from '../../platform/index.ts';
import { activePolicy } from '../../policy-versions/index.ts';
import {
  COMPONENT_STATUSES, componentStatusLabel, createIncident, IMPACTS, INCIDENT_STATUSES, listEntries, MAINTENANCE_STATUSES, maintenanceOrder, postUpdate, publicState, publishPostmortem,
  recordHotfix, scheduleMaintenance, setComponentStatus, statusLabel, statusPageOf, usualWindowHint, usualWindowNote, type ComponentStatus, type Entry,
  type StatusPageConfig,
} from '../../status/index.ts';
import { formatters } from '../format.ts';
import {
  checked, chosenZone, fixableRefusal, formOf, keptFields, optional, page, refusalAt, uuidParam, zonedFieldText,
  type Form, type FormRefusal, type WebDeps,
} from '../page-kit.ts';
import { sendPage } from '../render.ts';
import { zoneChoices } from '../zone-choices.ts';

const OPEN_INCIDENT = new Set(['investigating', 'identified', 'monitoring']);
const RECENTLY_RESOLVED = 10;

type Shown = { formError?: FormRefusal | null };

async function showConsole(request: FastifyRequest, reply: FastifyReply, deps: WebDeps, shown: Shown = {}, status = 200) {
  const ctx = ctxFor(request, deps);
  const { model } = await activePolicy(ctx.db);
  const config = statusPageOf(model);
  // Maintenance is typed in a zone the team thinks in: those of the policy's support hours (the first by default), or UTC.
  const zones = zoneChoices(model.file.calendars);
  const done = (request.query as { done?: string } | undefined)?.done;
  const flash = done ? { kind: 'ok', text: 'Saved.' } : null;
  const base = { title: 'Status page', formError: null, kept: keptFields(null), flash, f: formatters(ctx.clock.now()) };
  // Without a status page no form is shown: a refusal (the verbs' "not found") shows at the top.
  const top = shown.formError ? { ...shown.formError, form: 'console' } : null;
  if (!config) return sendPage(request, reply, 'agent/status', { ...base, formError: top, config: null }, status);
  const [state, entries] = await Promise.all([publicState(readCtxFor(request, deps)), listEntries({ ctx, input: { limit: 200 } })]);
  const incidents = entries.filter((e) => e.kind === 'incident');
  const openIncidents = incidents.filter((e) => OPEN_INCIDENT.has(e.status));
  const resolvedIncidents = incidents.filter((e) => !OPEN_INCIDENT.has(e.status)).slice(0, RECENTLY_RESOLVED);
  const maintenances = maintenanceOrder(entries.filter((e) => e.kind === 'maintenance' && e.status !== 'completed'), ctx.clock.now());
  // A refusal shows beside its form; one of a row no longer shown (resolved meanwhile, say) at the top.
  // The incident and hotfix forms show only where the page publishes incidents, maintenance's where it publishes maintenance.
  const shownForms = new Set([...(config.publishes.incidents ? ['incident', 'hotfix'] : []), ...(config.publishes.maintenance ? ['maintenance'] : []),
    ...state.components.map((c) => `component-${c.id}`),
    ...[...openIncidents, ...maintenances].map((e) => `update-${e.id}`),
    ...resolvedIncidents.map((e) => `postmortem-${e.id}`)]);
  const refusal = shown.formError ?? null;
  const formError = refusal && !shownForms.has(refusal.form) ? { ...refusal, form: 'console' } : refusal;
  return sendPage(request, reply, 'agent/status', {
    ...base,
    formError, kept: keptFields(formError),
    config, zones,
    components: state.components,
    componentName: new Map(state.components.map((c) => [c.id, c.name])),
    openIncidents, resolvedIncidents, maintenances,
    componentStatuses: COMPONENT_STATUSES, impacts: IMPACTS, incidentStatuses: INCIDENT_STATUSES, maintenanceStatuses: MAINTENANCE_STATUSES,
    lastUpdate: (e: Entry) => e.updates.at(-1) ?? null,
    // "usually scheduled during weekends": said beside the scheduling form in the policy's own term, and the
    // days of an outage outside that window flagged beside it (never refused).
    usualHint: usualWindowHint(config),
    // The section and its form headed in the policy's own words where it names them: its section of the page
    // (OpenMethods' "MAINTENANCE"), else its term for what it schedules (OfficeSpace's "Scheduled Outages").
    maintenanceWords: maintenanceWords(config),
    // "usually scheduled during weekends": the days of an outage outside that window, flagged beside it (never refused).
    outsideUsual: (e: Entry) => (e.scheduledFor && e.scheduledUntil ? usualWindowNote(config, e.scheduledFor, e.scheduledUntil) : null),
    // Statuses in the public page's words ("Partial outage", "In progress"), not their codes.
    statusText: statusLabel, componentText: componentStatusLabel,
  }, status);
}

/**
 * The console's maintenance section in the policy's words: its heading (the page's own section, OpenMethods'
 * "MAINTENANCE"; else the policy's term, OfficeSpace's "Scheduled Outages"; else "Maintenance"), its scheduling
 * form's heading, and what the customers' contacts are mailed (the term, lower case, or "maintenance").
 */
export function maintenanceWords(config: StatusPageConfig): { heading: string; schedule: string; mailed: string } {
  const term = config.maintenanceTerm;
  return {
    heading: config.maintenanceSection ?? term ?? 'Maintenance',
    schedule: term ? `${term}: schedule one` : 'Schedule maintenance',
    mailed: term ? `notice of ${term.toLowerCase()} still to come is` : 'a maintenance still to come is',
  };
}

/**
 * A form posting to one verb: success goes back to the console; a fixable refusal shows the console
 * again with the refusal beside the form (`name`: 'incident', 'maintenance', or a row's, by its id)
 * and what was typed in it.
 */
type FormName = (request: FastifyRequest) => string;
function act(deps: WebDeps, name: FormName, run: (ctx: Ctx, form: Form, request: FastifyRequest) => Promise<unknown>) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const form = formOf(request);
    try {
      await run(ctxFor(request, deps), form, request);
    } catch (error) {
      const refused = fixableRefusal(error);
      if (!refused) throw error;
      const formError = refusalAt(name(request), refused.error, form);
      return showConsole(request, reply, deps, { formError }, refused.status);
    }
    return reply.redirect('/agent/status?done=1', 303);
  };
}

const idOf = (request: FastifyRequest) => (request.params as { id: string }).id;
/** The form a refusal belongs to: one of its kind, or a row's (`update-<id>`). */
const named = (kind: string) => () => kind;
const ofRow = (kind: string) => (request: FastifyRequest) => `${kind}-${idOf(request)}`;

/** The components a form names with its ticked `<prefix><id>` checkboxes. */
function ticked(form: Form, prefix: string): string[] {
  return Object.entries(form).filter(([k, v]) => k.startsWith(prefix) && v === 'on').map(([k]) => k.slice(prefix.length));
}

/** The components a form sets, from its `component_<id>` selects; an empty choice leaves a component as it is. */
function componentChanges(form: Form): Array<{ id: string; status: ComponentStatus }> {
  return Object.entries(form)
    .filter(([k, v]) => k.startsWith('component_') && v !== '')
    .map(([k, v]) => ({ id: k.slice('component_'.length), status: v as ComponentStatus }));
}

export function registerStatusConsolePages(web: FastifyInstance, deps: WebDeps): void {
  const doneQuery = { querystring: { type: 'object', properties: { done: { type: 'string', maxLength: 20 } } } };
  web.get('/agent/status', page(AGENTS, doneQuery), (request, reply) => showConsole(request, reply, deps));

  web.post('/agent/status/incidents', page(AGENTS), act(deps, named('incident'), (ctx, f) => createIncident({
    ctx,
    input: {
      name: f.name ?? '', body: f.body ?? '', impact: f.impact as 'minor', status: (optional(f, 'status') ?? 'investigating') as 'investigating',
      components: componentChanges(f), notify: checked(f, 'notify'),
    },
  })));

  web.post('/agent/status/incidents/:id/updates', page(AGENTS, uuidParam), act(deps, ofRow('update'), (ctx, f, request) =>
  postUpdate({
    ctx,
    input: {
      incidentId: idOf(request), status: f.status as 'identified', body: f.body ?? '', components: componentChanges(f),
      ...(optional(f, 'impact') ? { impact: f.impact as 'minor' } : {}), notify: checked(f, 'notify'),
    },
  })));

  web.post('/agent/status/incidents/:id/postmortem', page(AGENTS, uuidParam), act(deps, ofRow('postmortem'), (ctx, f, request) =>
  publishPostmortem({
    ctx, input: { incidentId: idOf(request), body: f.body ?? '', notify: checked(f, 'notify') },
  })));

  web.post('/agent/status/maintenances', page(AGENTS), act(deps, named('maintenance'), (ctx, f) => scheduleMaintenance({
    ctx,
    input: {
      name: f.name ?? '', body: f.body ?? '', scheduledFor: zonedFieldText(f.scheduled_for?.trim(), chosenZone(f)) ?? '', scheduledUntil: zonedFieldText(f.scheduled_until?.trim(), chosenZone(f)) ?? '',
      components: ticked(f, 'affects_'),
      notify: checked(f, 'notify'),
    },
  })));

  // A hotfix applied without downtime, documented as a postmortem (POST /api/v1/status/hotfixes: the same verb, audience and checks).
  web.post('/agent/status/hotfixes', page(AGENTS), act(deps, named('hotfix'), (ctx, f) => recordHotfix({
    ctx,
    input: { name: f.name ?? '', body: f.body ?? '', postmortem: f.postmortem ?? '', components: ticked(f, 'fixed_'), notify: checked(f, 'notify') },
  })));

  const componentParam = { params: { type: 'object', required: ['id'], properties: { id: { type: 'string', minLength: 1, maxLength: 100 } } } };
  web.post('/agent/status/components/:id', page(AGENTS, componentParam), act(deps, ofRow('component'), (ctx, f, request) =>
  setComponentStatus({
    ctx, input: { componentId: idOf(request), status: f.status as ComponentStatus },
  })));
}

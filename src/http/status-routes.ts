// /api/v1/status: thin adapters over the status page verbs. Agents post incidents, updates,
// hotfixes, postmortems, maintenance and component statuses and link tickets; managers and admins
// read the subscribers; admins announce notices (subprocessor changes). Contacts have no access.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  announceNotice, COMPONENT_STATUSES, createIncident, getEntry, IMPACTS, INCIDENT_STATUSES, linkIncidentTicket, listEntries, listSubscribers,
  MAINTENANCE_STATUSES, postUpdate, publishPostmortem, recordHotfix, rescheduleMaintenance, scheduleMaintenance, setComponentStatus, LIMITS,
  type SetComponentStatusInput,
} from '../status/index.ts';
import { ADMINS, AGENTS, ctxFor, errorResponses, MANAGERS, timestamp, uuid } from './route-kit.ts';
import type { RouteDeps } from './route-kit.ts';
import { fromWire, toWire } from './wire.ts';

const tags = ['status'];
type IdParams = { Params: { id: string } };
const idParams = { type: 'object', required: ['id'], properties: { id: uuid } } as const;
const ntime = { type: ['string', 'null'], format: 'date-time' } as const;
const componentId = { type: 'string', minLength: 1, maxLength: 100 } as const;
const componentStatus = { type: 'string', enum: COMPONENT_STATUSES } as const;
const name = { type: 'string', minLength: 1, maxLength: LIMITS.name } as const;
const body = { type: 'string', minLength: 1, maxLength: LIMITS.body } as const;
const notify = {
  type: 'boolean', default: true,
  description: "tell subscribers, and the customers' contacts where the policy mails them (status_page.maintenance.email_customers); "
    + 'refused as false when the policy promises this notice, the refusal naming to whom',
} as const;
const changes = {
  type: 'array', maxItems: LIMITS.components,
  items: { type: 'object', additionalProperties: false, required: ['id', 'status'], properties: { id: componentId, status: componentStatus } },
} as const;
const componentIds = { type: 'array', maxItems: LIMITS.components, items: componentId } as const;

const Affected = {
  type: 'object', required: ['code', 'name', 'old_status', 'new_status'],
  properties: { code: { type: 'string' }, name: { type: 'string' }, old_status: componentStatus, new_status: componentStatus },
} as const;
const Update = {
  type: 'object',
  required: ['id', 'incident_id', 'status', 'body', 'notify', 'affected_components', 'created_at'],
  properties: {
    id: uuid,
    incident_id: uuid,
    status: { type: 'string' },
    body: { type: 'string' },
    notify: { type: 'boolean' },
    affected_components: { type: 'array', items: Affected },
    created_at: timestamp,
  },
} as const;
const Entry = {
  type: 'object',
  required: [
    'id', 'kind', 'name', 'status', 'impact', 'hotfix', 'component_ids', 'scheduled_for', 'scheduled_until',
    'created_at', 'updated_at', 'updates', 'ticket_ids',
  ],
  properties: {
    id: uuid,
    kind: { type: 'string', enum: ['incident', 'maintenance'] },
    name: { type: 'string' },
    status: { type: 'string' },
    impact: { type: 'string' },
    hotfix: { type: 'boolean' },
    component_ids: { type: 'array', items: { type: 'string' } },
    scheduled_for: ntime,
    scheduled_until: ntime,
    auto_transition: { type: 'boolean' },
    reminder_minutes: { type: ['integer', 'null'] },
    started_at: ntime,
    monitoring_at: ntime,
    resolved_at: ntime,
    postmortem_body: { type: ['string', 'null'] },
    postmortem_published_at: ntime,
    created_at: timestamp,
    updated_at: timestamp,
    updates: { type: 'array', items: Update },
    ticket_ids: { type: 'array', items: uuid },
  },
} as const;
const Subscriber = {
  type: 'object',
  required: ['id', 'list', 'email', 'component_ids', 'confirmed_at', 'unsubscribed_at', 'created_at'],
  properties: {
    id: uuid,
    list: { type: 'string' },
    email: { type: 'string' },
    component_ids: { type: ['array', 'null'], items: { type: 'string' } },
    confirmed_at: ntime,
    unsubscribed_at: ntime,
    created_at: timestamp,
  },
} as const;
const obj = (required: string[], properties: Record<string, unknown>) => ({ type: 'object', additionalProperties: false, required, properties });
const itemsOf = (item: object) => ({ type: 'object', required: ['items'], properties: { items: { type: 'array', items: item } } });
const entryAnswer = (code: 200 | 201) => ({ [code]: Entry, ...errorResponses });
// A maintenance as (re)scheduled: taken on any day, since the policy's window is what is "usually"
// done (OfficeSpace: "Scheduled Outages: are usually scheduled during weekends"), but the answer says
// when it falls outside, as the status console does beside the outage (status/usual-window.ts).
const ScheduledEntry = {
  ...Entry,
  required: [...Entry.required, 'outside_usual_window'],
  properties: {
    ...Entry.properties,
    outside_usual_window: {
      type: ['object', 'null'],
      description: "the days of the window outside the policy's usual ones (status_page.maintenance.usual_days), in the page's zone; "
        + 'null: none, or the policy names no usual days. Said, never refused: the policy says what is usually done',
      required: ['usual_window', 'days', 'time_zone', 'message'],
      properties: {
        usual_window: { type: 'string', description: "the policy's words (OfficeSpace: weekends)" },
        days: { type: 'array', items: { type: 'string' }, description: 'e.g. "Mon 7 Dec 2026" (the first 14 at most)' },
        time_zone: { type: 'string', description: "the page's zone, as the vendor names it" },
        message: { type: 'string' },
      },
    },
  },
} as const;
const scheduledAnswer = (code: 200 | 201) => ({ [code]: ScheduledEntry, ...errorResponses });
/** A verb's input about the entry in the path (the verb parses it; the route schema has checked the body). */
const aboutEntry = (request: { body: unknown; params: { id: string } }) => ({ ...fromWire<object>(request.body), incidentId: request.params.id }) as never;

export function registerStatusRoutes(app: FastifyInstance, deps: RouteDeps): void {
  const ctx = (request: FastifyRequest) => ctxFor(request, deps);

  app.get<{ Querystring: { kind?: 'incident' | 'maintenance'; limit?: number } }>('/api/v1/status/incidents', {
    config: { access: AGENTS },
    schema: {
      operationId: 'listStatusEntries', tags, summary: 'Incidents and maintenances, newest first, with their timelines',
      querystring: {
        type: 'object',
        additionalProperties: false,
        properties: { kind: { type: 'string', enum: ['incident', 'maintenance'] }, limit: { type: 'integer', minimum: 1, maximum: 200, default: 50 } },
      },
      response: { 200: itemsOf(Entry), ...errorResponses },
    },
  }, async (request) => ({ items: toWire(await listEntries({ ctx: ctx(request), input: request.query })) }));

  app.post('/api/v1/status/incidents', {
    config: { access: AGENTS },
    schema: {
      operationId: 'createStatusIncident', tags, summary: 'Open an incident with its first update',
      body: obj(['name', 'body'], {
        name, body, impact: { type: 'string', enum: IMPACTS }, components: changes, notify,
        status: { type: 'string', enum: ['investigating', 'identified', 'monitoring'] },
      }),
      response: entryAnswer(201),
    },
  }, async (request, reply) => reply.code(201).send(toWire(await createIncident({ ctx: ctx(request), input: fromWire(request.body) }))));

  app.get<IdParams>('/api/v1/status/incidents/:id', {
    config: { access: AGENTS },
    schema: { operationId: 'getStatusEntry', tags, summary: 'An incident or maintenance, with linked tickets', params: idParams, response: entryAnswer(200) },
  }, async (request) => toWire(await getEntry({ ctx: ctx(request), input: { incidentId: request.params.id } })));

  app.post<IdParams>('/api/v1/status/incidents/:id/updates', {
    config: { access: AGENTS },
    schema: {
      operationId: 'postStatusUpdate', tags, summary: 'Post the next update of an incident or maintenance',
      description: "Resolving (or completing) returns components the update does not name to operational; resolution is mailed to linked tickets' requesters.",
      params: idParams,
      body: obj(['status', 'body'], {
        status: { type: 'string', enum: [...INCIDENT_STATUSES, ...MAINTENANCE_STATUSES] },
        body, impact: { type: 'string', enum: IMPACTS }, components: changes, notify,
        notify_tickets: { type: 'boolean', default: false, description: "also mail the linked tickets' requesters" },
      }),
      response: entryAnswer(201),
    },
  }, async (request, reply) => reply.code(201).send(toWire(await postUpdate({ ctx: ctx(request), input: aboutEntry(request) }))));

  app.put<IdParams>('/api/v1/status/incidents/:id/postmortem', {
    config: { access: AGENTS },
    schema: {
      operationId: 'publishPostmortem', tags, summary: "Publish a resolved incident's postmortem",
      params: idParams, body: obj(['body'], { body, notify }), response: entryAnswer(200),
    },
  }, async (request) => toWire(await publishPostmortem({ ctx: ctx(request), input: aboutEntry(request) })));

  app.post<IdParams>('/api/v1/status/incidents/:id/tickets', {
    config: { access: AGENTS },
    schema: {
      operationId: 'linkIncidentTicket', tags, summary: 'Link a ticket the incident caused',
      params: idParams, body: obj(['ticket_id'], { ticket_id: uuid }), response: entryAnswer(200),
    },
  }, async (request) => toWire(await linkIncidentTicket({ ctx: ctx(request), input: aboutEntry(request) })));

  app.post('/api/v1/status/hotfixes', {
    config: { access: AGENTS },
    schema: {
      operationId: 'recordHotfix', tags, summary: 'Document a hotfix without downtime: a resolved incident, impact none, with its postmortem',
      body: obj(['name', 'body', 'postmortem'], { name, body, postmortem: body, components: componentIds, notify }),
      response: entryAnswer(201),
    },
  }, async (request, reply) => reply.code(201).send(toWire(await recordHotfix({ ctx: ctx(request), input: fromWire(request.body) }))));

  app.post('/api/v1/status/maintenances', {
    config: { access: AGENTS },
    schema: {
      operationId: 'scheduleMaintenance', tags, summary: 'Schedule maintenance; it starts and completes on its own at the scheduled times',
      description: "A window outside the policy's usual days is taken; `outside_usual_window` says so.",
      body: obj(['name', 'body', 'scheduled_for', 'scheduled_until'], {
        name, body, scheduled_for: timestamp, scheduled_until: timestamp, components: componentIds, notify,
        auto_transition: { type: 'boolean', default: true },
        reminder_minutes: {
          type: ['integer', 'null'], minimum: 1, maximum: 10080, default: 60,
          description: 'remind subscribers this long before the start; null: no reminder',
        },
      }),
      response: scheduledAnswer(201),
    },
  }, async (request, reply) => reply.code(201).send(toWire(await scheduleMaintenance({ ctx: ctx(request), input: fromWire(request.body) }))));

  app.patch<IdParams>('/api/v1/status/maintenances/:id', {
    config: { access: AGENTS },
    schema: {
      operationId: 'rescheduleMaintenance', tags, summary: 'Reschedule a maintenance not yet started (subscribers are told)', params: idParams,
      body: obj(['scheduled_for', 'scheduled_until'], { scheduled_for: timestamp, scheduled_until: timestamp, body, notify }),
      response: scheduledAnswer(200),
    },
  }, async (request) => toWire(await rescheduleMaintenance({ ctx: ctx(request), input: aboutEntry(request) })));

  app.put<{ Params: { id: string }; Body: { status: SetComponentStatusInput['status'] } }>('/api/v1/status/components/:id', {
    config: { access: AGENTS },
    schema: {
      operationId: 'setComponentStatus', tags, summary: "Set a component's status",
      params: { type: 'object', required: ['id'], properties: { id: componentId } },
      body: obj(['status'], { status: componentStatus }),
      response: { 200: Affected, ...errorResponses },
    },
  }, async (request) => toWire(await setComponentStatus({ ctx: ctx(request), input: { componentId: request.params.id, status: request.body.status } })));

  app.get<{ Querystring: { list?: string; limit?: number } }>('/api/v1/status/subscribers', {
    config: { access: MANAGERS },
    schema: {
      operationId: 'listStatusSubscribers', tags, summary: 'Subscribers of the status page and the notice lists',
      querystring: {
        type: 'object',
        additionalProperties: false,
        properties: { list: { type: 'string', minLength: 1, maxLength: 100 }, limit: { type: 'integer', minimum: 1, maximum: 1000, default: 200 } },
      },
      response: { 200: itemsOf(Subscriber), ...errorResponses },
    },
  }, async (request) => ({ items: toWire(await listSubscribers({ ctx: ctx(request), input: request.query })) }));

  app.post<{ Params: { list: string }; Body: { subject: string; body: string } }>('/api/v1/status/lists/:list/announcements', {
    config: { access: ADMINS },
    schema: {
      operationId: 'announceNotice', tags, summary: "Announce a change to a notice list's confirmed subscribers (e.g. a new subprocessor)",
      params: { type: 'object', required: ['list'], properties: { list: { type: 'string', minLength: 1, maxLength: 100 } } },
      body: obj(['subject', 'body'], { subject: name, body }),
      response: { 202: { type: 'object', required: ['id'], properties: { id: uuid } }, ...errorResponses },
    },
  }, async (request, reply) => reply.code(202).send(await announceNotice({ ctx: ctx(request), input: { ...request.body, list: request.params.list } })));
}

// /api/v1/tickets/:id/time-entries: time accounting (tickets/time-spent.ts, time-corrections.ts), the
// team's own record, never a contact's to read. Thin adapters: logged, listed, corrected, removed.
import type { FastifyInstance } from 'fastify';
import { correctTimeEntry, logTime, removeTimeEntry, timeSpentOn, type TimeSpent } from '../tickets/index.ts';
import { AGENTS, ctxFor, errorResponses, timestamp, uuid } from './route-kit.ts';
import type { RouteDeps } from './route-kit.ts';
import { ticketParams } from './ticket-schemas.ts';
import { toWire } from './wire.ts';

const tags = ['tickets'];
const text = { type: ['string', 'null'] } as const;
const timeEntry = {
  type: 'object', required: ['id', 'agent_id', 'agent_name', 'minutes', 'note', 'event_id', 'logged_at'],
  properties: {
    id: uuid, agent_id: uuid, agent_name: { type: 'string' }, minutes: { type: 'integer' }, note: text,
    event_id: { type: ['string', 'null'], format: 'uuid', description: 'the reply or note it was logged with' },
    logged_at: timestamp,
  },
} as const;
const correction = {
  type: 'object',
  required: [
    'id', 'entry_id', 'action', 'agent_id', 'agent_name', 'minutes_before', 'minutes_after', 'note_before', 'note_after', 'at',
  ],
  properties: {
    id: uuid, entry_id: uuid, action: { type: 'string', enum: ['corrected', 'removed'] },
    agent_id: { type: ['string', 'null'], format: 'uuid', description: 'who changed it; null: the service itself' },
    agent_name: text,
    minutes_before: { type: 'integer' }, minutes_after: { type: ['integer', 'null'], description: 'null: removed' },
    note_before: text, note_after: text, at: timestamp,
  },
} as const;
const timeSpent = {
  type: 'object', required: ['total_minutes', 'items', 'corrections'],
  properties: {
    total_minutes: { type: 'integer', description: 'the entries not removed' },
    items: { type: 'array', items: timeEntry, description: 'the entries not removed, newest first' },
    corrections: { type: 'array', items: correction, description: 'every correction and removal, newest first' },
  },
} as const;
const entryParams = {
  type: 'object', required: ['id', 'entry_id'],
  properties: { ...ticketParams.properties, entry_id: { type: 'string', description: 'the time entry id (a UUID)' } },
} as const;
const minutes = {
  type: 'integer', minimum: 1, maximum: 1440, description: 'whole minutes, at most a day an entry',
} as const;
const timeWire = (t: TimeSpent) => ({
  total_minutes: t.totalMinutes,
  items: t.entries.map(({ ticketId: _, ...e }) => toWire(e)),
  corrections: t.corrections.map((c) => toWire(c)),
});

type IdParams = { Params: { id: string } };
type EntryParams = { Params: { id: string; entry_id: string } };

export function registerTimeEntryRoutes(app: FastifyInstance, deps: RouteDeps): void {
  app.get<IdParams>(
    '/api/v1/tickets/:id/time-entries',
    {
      config: { access: AGENTS },
      schema: {
        operationId: 'listTimeEntries', tags,
        summary: 'The time the team spent on a ticket, newest entry first, its total, and the corrections made',
        params: ticketParams, response: { 200: timeSpent, ...errorResponses },
      },
    },
    async (request) => {
      return timeWire(await timeSpentOn({ ctx: ctxFor(request, deps), input: { ticketId: request.params.id } }));
    },
  );
  app.post<IdParams & { Body: { minutes: number; note?: string } }>(
    '/api/v1/tickets/:id/time-entries',
    {
      config: { access: AGENTS },
      schema: {
        operationId: 'logTime', tags,
        summary: 'Log time spent on a ticket on its own (a call, a remote session); with a reply or a note, '
          + 'give time_spent_minutes there; answers the ticket\'s time',
        params: ticketParams,
        body: {
          type: 'object', additionalProperties: false, required: ['minutes'],
          properties: { minutes, note: { type: 'string', maxLength: 500 } },
        },
        response: { 201: timeSpent, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { minutes: m, note } = request.body;
      const input = { ticketId: request.params.id, minutes: m, ...(note !== undefined ? { note } : {}) };
      return reply.code(201).send(timeWire(await logTime({ ctx: ctxFor(request, deps), input })));
    },
  );
  app.patch<EntryParams & { Body: { minutes?: number; note?: string | null } }>(
    '/api/v1/tickets/:id/time-entries/:entry_id',
    {
      config: { access: AGENTS },
      schema: {
        operationId: 'correctTimeEntry', tags,
        summary: 'Correct a time entry\'s minutes and/or note (your own; a manager or an admin anyone\'s); '
          + 'the change is kept in corrections; answers the ticket\'s time',
        params: entryParams,
        body: {
          type: 'object', additionalProperties: false,
          properties: {
            minutes, note: { type: ['string', 'null'], maxLength: 500, description: 'empty or null clears it' },
          },
        },
        response: { 200: timeSpent, ...errorResponses },
      },
    },
    async (request) => {
      const { minutes: m, note } = request.body;
      const input = {
        ticketId: request.params.id, entryId: request.params.entry_id,
        ...(m !== undefined ? { minutes: m } : {}), ...(note !== undefined ? { note } : {}),
      };
      return timeWire(await correctTimeEntry({ ctx: ctxFor(request, deps), input }));
    },
  );
  app.delete<EntryParams>(
    '/api/v1/tickets/:id/time-entries/:entry_id',
    {
      config: { access: AGENTS },
      schema: {
        operationId: 'removeTimeEntry', tags,
        summary: 'Remove a time entry (your own; a manager or an admin anyone\'s): no total or report counts it, '
          + 'the removal is kept in corrections; answers the ticket\'s time',
        params: entryParams, response: { 200: timeSpent, ...errorResponses },
      },
    },
    async (request) => {
      const input = { ticketId: request.params.id, entryId: request.params.entry_id };
      return timeWire(await removeTimeEntry({ ctx: ctxFor(request, deps), input }));
    },
  );
}

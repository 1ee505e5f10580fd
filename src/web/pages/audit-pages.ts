// /admin/audit: the audit trail for admins (src/audit), newest first, filtered by kind of change,
// by what changed, by who changed it and by days (UTC). People and organizations are named. The
// same filters download as CSV (/admin/audit.csv, up to 10,000 entries).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { listAuditEvents } from '../../audit/index.ts';
import { listAgents, listContacts, listOrganizations } from '../../customers/index.ts';
import { ADMINS, ctxFor } from '../../http/route-kit.ts';
import { isAccordError } from '../../platform/index.ts';
import { activePolicy } from '../../policy-versions/index.ts';
import { auditKeyText, auditValueText } from '../audit-details.ts';
import { toCsv } from '../csv.ts';
import { AUDIT_NOUNS, auditChangeText, formatters } from '../format.ts';
import { everyPage, page, type WebDeps } from '../page-kit.ts';
import { sendPage } from '../render.ts';
import { AUDIT_SUBJECT_KINDS } from '../../platform/audit.ts';
import { pager, pagerQuery } from '../pager.ts';

/** The kinds of subject verbs record, for the filter. */
const SUBJECT_KINDS = AUDIT_SUBJECT_KINDS;

type AuditQuery = { type?: string; subject_kind?: string; actor?: string; from?: string; to?: string; cursor?: string; back?: string };
const auditQuery = {
  querystring: {
    type: 'object', additionalProperties: false,
    properties: {
      type: { type: 'string', maxLength: 100 },
      subject_kind: { anyOf: [{ type: 'string', enum: SUBJECT_KINDS }, { type: 'string', maxLength: 0 }] },
      actor: { anyOf: [{ type: 'string', format: 'uuid' }, { type: 'string', maxLength: 0 }] },
      from: { anyOf: [{ type: 'string', format: 'date' }, { type: 'string', maxLength: 0 }] },
      to: { anyOf: [{ type: 'string', format: 'date' }, { type: 'string', maxLength: 0 }] },
      ...pagerQuery,
    },
  },
};

/** The page's filters as listAuditEvents takes them; days in UTC, from the start of `from` to the end of `to`. */
function filtersOf(q: AuditQuery) {
  const day = (d: string | undefined, plus = 0) => (d ? Temporal.PlainDate.from(d).add({ days: plus }).toZonedDateTime('UTC').toInstant().toString() : undefined);
  return {
    ...(q.type?.trim() ? { type: q.type.trim() } : {}),
    ...(q.subject_kind ? { subjectKind: q.subject_kind } : {}),
    ...(q.actor ? { actorId: q.actor } : {}),
    ...(q.from ? { since: day(q.from) } : {}),
    ...(q.to ? { until: day(q.to, 1) } : {}),
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
type AuditEvent = Awaited<ReturnType<typeof listAuditEvents>>['items'][number];

/** The ids in an entry's details, at any depth: a token's owner ({ id, kind }), an organization, a rotation's members. */
function idsIn(v: unknown): string[] {
  if (typeof v === 'string') return UUID.test(v) ? [v] : [];
  if (Array.isArray(v)) return v.flatMap(idsIn);
  if (v && typeof v === 'object') return Object.values(v).flatMap(idsIn);
  return [];
}

/**
 * What an entry is about, as the page names it: a person or an organization by name, else by what its
 * details say it is (a token by the prefix it is shown by, the policy by its version, a rotation or a
 * webhook by its name or address); its id only when nothing else names it. The CSV keeps the ids.
 */
function subjectText(e: AuditEvent, names: Map<string, string>): string {
  const d = (e.data ?? {}) as Record<string, unknown>;
  const said = (k: string) => (typeof d[k] === 'string' || typeof d[k] === 'number' ? String(d[k]) : null);
  return names.get(e.subjectId) ?? (said('prefix') ? `${said('prefix')}…` : null) ?? (said('version') ? `version ${said('version')}` : null)
    ?? said('name') ?? said('title') ?? said('email') ?? said('url') ?? e.subjectId;
}

// The CSV holds at most this many entries, newest first (narrow the filters for more).
const CSV_MAX = 10_000;

async function showAudit(request: FastifyRequest<{ Querystring: AuditQuery }>, reply: FastifyReply, deps: WebDeps) {
  const ctx = ctxFor(request, deps);
  const q = request.query;
  let found;
  let error = null;
  try {
    found = await listAuditEvents({ ctx, input: { ...filtersOf(q), limit: 100, ...(q.cursor ? { cursor: q.cursor } : {}) } });
  } catch (e) {
    if (!isAccordError(e) || e.code !== 'invalid_input') throw e;
    found = { items: [], nextCursor: null };
    error = e;
  }
  // The ids an entry is about or points to in its details (a token's owner, an organization): named below.
  const mentioned = [...new Set(found.items.flatMap((e) => [e.subjectId, ...idsIn(e.data)]))].slice(0, 200);
  const [agents, contacts, orgs] = await Promise.all([
    everyPage((c) => listAgents({ ctx, input: { limit: 200, ...c } })),
    mentioned.length ? listContacts({ ctx, input: { ids: mentioned, limit: 200 } }) : Promise.resolve({ items: [] }),
    mentioned.length ? listOrganizations({ ctx, input: { ids: mentioned, limit: 200 } }) : Promise.resolve({ items: [] }),
  ]);
  const names = new Map<string, string>([
    ...agents.map((a) => [a.id, `${a.name} <${a.email}>`] as [string, string]),
    ...contacts.items.map((c) => [c.id, `${c.name} <${c.email}>`] as [string, string]),
    ...orgs.items.map((o) => [o.id, o.name] as [string, string]),
  ]);
  const { model: policy } = await activePolicy(ctx.db);
  const keep = new URLSearchParams(Object.entries({ type: q.type?.trim(), subject_kind: q.subject_kind, actor: q.actor, from: q.from, to: q.to }).filter((e): e is [string, string] => Boolean(e[1])));
  return sendPage(request, reply, 'admin/audit', {
    title: 'Audit trail', items: found.items, query: q, kinds: SUBJECT_KINDS, agents, names, error, nouns: AUDIT_NOUNS, changeText: auditChangeText,
    subjectText: (e: AuditEvent) => subjectText(e, names), keyText: auditKeyText,
    // Times in the reader's zone: the view passes its formatters' `when` (render.ts sets the zone from the session).
    valueText: (key: string, v: unknown, when: (instant: string) => string) => auditValueText(v, { names, when, policy }, key),
    pager: pager('/admin/audit', keep, q, found.nextCursor),
    csv: `/admin/audit.csv${keep.size ? `?${keep.toString()}` : ''}`,
    f: formatters(ctx.clock.now()),
  }, error ? 400 : 200);
}

export function registerAuditPages(web: FastifyInstance, deps: WebDeps): void {
  web.get<{ Querystring: AuditQuery }>('/admin/audit', page(ADMINS, auditQuery), (request, reply) => showAudit(request, reply, deps));
  // The same filters as a download, for an auditor: who did what, when, to what, and what it recorded.
  web.get<{ Querystring: AuditQuery }>('/admin/audit.csv', page(ADMINS, auditQuery), async (request, reply) => {
    const ctx = ctxFor(request, deps);
    const rows: string[][] = [];
    let cursor: string | undefined;
    do {
      const found = await listAuditEvents({ ctx, input: { ...filtersOf(request.query), limit: 200, ...(cursor ? { cursor } : {}) } });
      for (const e of found.items) {
        rows.push([e.at.toString(), e.type, e.actor.kind, e.actor.id ?? '', e.actor.name ?? '', e.subjectKind, e.subjectId, e.organizationId ?? '', JSON.stringify(e.data)]);
      }
      cursor = found.nextCursor ?? undefined;
    } while (cursor && rows.length < CSV_MAX);
    const day = ctx.clock.now().toString().slice(0, 10);
    return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="audit-${day}.csv"`)
      .send(toCsv(['at', 'type', 'actor_kind', 'actor_id', 'actor', 'subject_kind', 'subject_id', 'organization_id', 'data'], rows.slice(0, CSV_MAX)));
  });
}

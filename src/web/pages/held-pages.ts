// Held requests for agents: what the policy refused at intake (a contact who is not a named
// support contact, a channel the plan does not include or that is closed now), kept whole so
// nothing a customer sent is lost. An agent reads each one (who, by which channel, why it was
// held, what they wrote and answered) and accepts it (the ticket opens for the requester, on the
// channel the agent chooses, with the files sent with it) or dismisses it, with a note either
// way; the files download for agents. Each form is the one verb reviewHeldRequest, with the
// audience of its API route (agents).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { listContacts, listOrganizations } from '../../customers/index.ts';
import { AGENTS, ctxFor } from '../../http/route-kit.ts';
import type { Ctx } from '../../platform/index.ts';
import { activePolicy } from '../../policy-versions/index.ts';
import { channelName, filedName, requestChannelsOfKind } from '../../policy/index.ts';
import { sendDownload } from '../../http/downloads.ts';
import { CHANNELS, getHeldRequest, getHeldRequestFile, heldReasonRead, listHeldRequests, reviewHeldRequest, type HeldRequest } from '../../tickets/index.ts';
import { formatters } from '../format.ts';
import { fixableRefusal, formOf, optional, page, uuidParam, type WebDeps } from '../page-kit.ts';
import { sendPage } from '../render.ts';
import { levelWords } from '../level-words.ts';
import { pager, pagerQuery } from '../pager.ts';

const TABS = [
  { id: 'held', name: 'Waiting for review' },
  { id: 'accepted', name: 'Accepted' },
  { id: 'dismissed', name: 'Dismissed' },
] as const;
type Tab = (typeof TABS)[number]['id'];

const REASONS: Record<string, string> = {
  not_named_contact: 'Not a named support contact',
  channel_not_in_plan: 'Channel not in the plan',
  channel_closed: 'Channel closed at the time',
  unknown_channel: 'Channel not offered',
};

type HeldQuery = { status?: Tab; cursor?: string; back?: string; done?: string };
const heldQuery = {
  querystring: {
    type: 'object',
    additionalProperties: false,
    properties: {
      status: { type: 'string', enum: TABS.map((t) => t.id) },
      ...pagerQuery,
      done: { type: 'string', enum: ['dismissed'] },
    },
  },
};

type Shown = { error?: { id: string; message: string; details: Array<{ path: string; message: string }> } | null; status?: Tab };

/** What a held request asked for, as the page shows it (the stored request is the verb's input as sent). */
function askedOf(held: HeldRequest) {
  const r = held.request as { subject?: unknown; description?: unknown; severity?: unknown; requestType?: unknown; intake?: unknown };
  const text = (v: unknown) => (typeof v === 'string' ? v : '');
  const answers = r.intake && typeof r.intake === 'object' ? Object.entries(r.intake as Record<string, unknown>).map(([k, v]) => ({ id: k, value: String(v) })) : [];
  return {
    subject: text(r.subject), description: text(r.description), requestType: text(r.requestType) || null,
    severity: typeof r.severity === 'number' ? r.severity : null, answers,
  };
}

/** The requests as the page shows them: who sent each, of which organization, why held, what they asked, in words. */
async function shownItems(ctx: Ctx, held: HeldRequest[]) {
  const requesterIds = [...new Set(held.map((h) => h.requesterId).filter((id): id is string => id !== null))];
  const orgIds = [...new Set(held.map((h) => h.organizationId).filter((id): id is string => id !== null))];
  const [contacts, orgs, { model: policy }] = await Promise.all([
    requesterIds.length ? listContacts({ ctx, input: { ids: requesterIds, limit: 200 } }) : Promise.resolve({ items: [] }),
    // The organizations of the requests shown, not every one of the desk.
    orgIds.length ? listOrganizations({ ctx, input: { ids: orgIds, limit: 200 } }).then((p) => p.items) : Promise.resolve([]),
    activePolicy(ctx.db),
  ]);
  const contact = new Map(contacts.items.map((c) => [c.id, c]));
  const orgName = new Map(orgs.map((o) => [o.id, o.name]));
  const questions = new Map((policy.file.intake ?? []).map((q) => [q.id, q.label]));
  const requestTypes = new Map((policy.file.request_types ?? []).map((r) => [r.id, r.name]));
  const items = held.map((h) => {
    const asked = askedOf(h);
    const who = h.requesterId ? contact.get(h.requesterId) ?? null : null;
    return {
      ...h, asked,
      requester: who ? { name: who.name, email: who.email } : null,
      organization: h.organizationId ? orgName.get(h.organizationId) ?? null : null,
      reasonName: REASONS[h.reasonCode] ?? h.reasonCode,
      // True when read ("Chat was closed when this arrived"), beside the time it arrived (held-reason.ts).
      reason: heldReasonRead(h, null).said,
      // How it came, as the managers' notice says it: OpenBack's portal files a case as Email, "filed in the portal".
      arrivedBy: filedName(channelName(policy, h.channel), h.channel, h.request.portal === true, 'sentence'),
      requestTypeName: asked.requestType ? requestTypes.get(asked.requestType) ?? asked.requestType : null,
      answers: asked.answers.map((a) => ({ label: questions.get(a.id) ?? a.id, value: a.value })),
    };
  });
  return {
    items, level: levelWords(policy), channelName: (kind: string) => channelName(policy, kind),
    channels: CHANNELS.filter((c) => c !== 'api' && requestChannelsOfKind(policy, c).length > 0),
  };
}

async function showHeld(request: FastifyRequest, reply: FastifyReply, deps: WebDeps, shown: Shown = {}, code = 200) {
  const ctx = ctxFor(request, deps);
  const query = request.query as HeldQuery;
  const tab: Tab = shown.status ?? query.status ?? 'held';
  const list = await listHeldRequests({ ctx, input: { status: tab, limit: 50, ...(query.cursor && !shown.status ? { cursor: query.cursor } : {}) } });
  const { items, ...words } = await shownItems(ctx, list.items);
  return sendPage(request, reply, 'agent/held', {
    title: 'Held requests', one: false,
    tab, tabs: TABS, items, ...words,
    pager: pager('/agent/held', new URLSearchParams({ status: tab }), shown.status ? {} : query, list.nextCursor),
    error: shown.error ?? null,
    // A refusal about a request no longer on this list (reviewed meanwhile) is shown above it.
    errorAbove: shown.error && !items.some((h) => h.id === shown.error?.id) ? shown.error : null,
    flash: query.done === 'dismissed' ? { kind: 'ok', text: 'Request dismissed.' } : null,
    f: formatters(ctx.clock.now()),
  }, code);
}

/** One held request on its own page, whichever page of its list it is on (a link to it names it by id), with a refusal of it shown at it. */
async function showOne(request: FastifyRequest, reply: FastifyReply, deps: WebDeps, held: HeldRequest, error: Shown['error'] = null, code = 200) {
  const ctx = ctxFor(request, deps);
  const { items, ...words } = await shownItems(ctx, [held]);
  return sendPage(request, reply, 'agent/held', {
    title: `Held request: ${items[0].asked.subject || '(no subject)'}`, one: true,
    tab: held.status, tabs: TABS, items, ...words, pager: null, error, errorAbove: null, flash: null,
    f: formatters(ctx.clock.now()),
  }, code);
}

/** Accept or dismiss: accepting goes to the new ticket, dismissing back to the list; a refusal is shown at the request. */
function review(deps: WebDeps, decision: 'accept' | 'dismiss') {
  return async (request: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply) => {
    const form = formOf(request);
    const channel = optional(form, 'channel');
    try {
      const { ticket } = await reviewHeldRequest({
        ctx: ctxFor(request, deps),
        input: { heldRequestId: request.params.id, decision, ...(optional(form, 'note') ? { note: optional(form, 'note') } : {}), ...(decision === 'accept' && channel ? { channel: channel as (typeof CHANNELS)[number] } : {}) },
      });
      return reply.redirect(ticket ? `/agent/tickets/${ticket.id}?done=accepted` : '/agent/held?done=dismissed', 303);
    } catch (error) {
      const refused = fixableRefusal(error);
      if (!refused) throw error;
      const held = await getHeldRequest({ ctx: ctxFor(request, deps), input: { heldRequestId: request.params.id } }).catch(() => null);
      if (held) return showOne(request, reply, deps, held, { id: held.id, ...refused.error }, refused.status);
      return showHeld(request, reply, deps, { error: { id: request.params.id, ...refused.error }, status: 'held' }, refused.status);
    }
  };
}

export function registerHeldPages(web: FastifyInstance, deps: WebDeps): void {
  web.get('/agent/held', page(AGENTS, heldQuery), (request, reply) => showHeld(request, reply, deps));
  web.get<{ Params: { id: string } }>('/agent/held/:id', page(AGENTS, uuidParam), async (request, reply) => {
    const held = await getHeldRequest({ ctx: ctxFor(request, deps), input: { heldRequestId: request.params.id } });
    return showOne(request, reply, deps, held);
  });
  web.post('/agent/held/:id/accept', page(AGENTS, uuidParam), review(deps, 'accept'));
  web.post('/agent/held/:id/dismiss', page(AGENTS, uuidParam), review(deps, 'dismiss'));
  // A file sent with a held request, as a download (never rendered), for agents.
  const fileParams = { params: { type: 'object', required: ['id', 'fileId'], properties: { id: { type: 'string', format: 'uuid' }, fileId: { type: 'string', format: 'uuid' } } } };
  web.get<{ Params: { id: string; fileId: string } }>('/agent/held/:id/files/:fileId', page(AGENTS, fileParams), async (request, reply) => {
    const file = await getHeldRequestFile({ ctx: ctxFor(request, deps), input: { heldRequestId: request.params.id, fileId: request.params.fileId } });
    return sendDownload(reply, file);
  });
}

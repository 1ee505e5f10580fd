// Merging: a request about a matter another ticket already holds (a second mail about the same
// outage, a call logged beside the customer's portal case) is closed into that ticket, so the
// customer hears one voice and the desk works one case (docs/adr/0019).
//
// What each ticket keeps: the merged ticket is closed (final) with a public `merged_into` event
// and its requester is mailed where the conversation goes on; its clocks stop as a close stops
// them, so a breach it already had stands and one it had not yet had never happens (as closing
// it would). The ticket merged into keeps its own severity, plan and clocks; it gains a public
// `merged_from` event carrying the merged request's words, the merged ticket's requester and
// copied contacts are copied on it (ccs.ts), and a solved one is reopened (it holds an open
// request again). Mail in the merged ticket's thread is taken to it (email/match.ts), and its side
// conversations go on there (side-conversations.ts): a supplier's answer reaches the open case.
import { ConflictError, InvalidInputError, NotFoundError, parseInput, type Ctx } from '../platform/index.ts';
import { isUuid } from '../platform/ids.ts';
import { policyVersion } from '../policy-versions/index.ts';
import { addCcs } from './ccs.ts';
import { applyStatus } from './change-status.ts';
import { mailTicketMerged } from './customer-mail.ts';
import { recomputeClocks } from './recompute-clocks.ts';
import { MergeInput } from './schemas.ts';
import { moveSideConversations } from './side-conversation-rows.ts';
import { requireAgent, touchTicket, writeEvent, type TicketRow } from './store.ts';
import { baseView, type TicketView } from './view.ts';
import { emitTicketMerged, emitTicketUpdated } from './webhook-events.ts';
import { writeTime } from './write-context.ts';

export type MergeResult = { ticket: Omit<TicketView, 'clocks'>; into: Omit<TicketView, 'clocks'> };

export async function mergeTicket({ ctx, input }: { ctx: Ctx; input: MergeInput }): Promise<MergeResult> {
  requireAgent(ctx.actor, 'merge tickets');
  const data = parseInput(MergeInput, input);
  const field = data.intoTicketId !== undefined ? 'intoTicketId' : 'intoNumber';
  const refuse = (message: string, detail: string) => new InvalidInputError(message, [{ path: field, message: detail }]);
  if (!isUuid(data.ticketId)) throw new NotFoundError('ticket not found');
  return ctx.db.transaction(async (tx) => {
    let intoId = data.intoTicketId ?? null;
    if (intoId === null) {
      const { rows } = await tx.query<{ id: string }>('SELECT id FROM tickets WHERE number = $1', [data.intoNumber]);
      intoId = rows[0]?.id ?? null;
    }
    if (intoId === data.ticketId) throw refuse('a ticket cannot be merged into itself', 'is this ticket');
    // Both rows locked, in id order, so two merges of the same pair the other way round cannot deadlock.
    const { rows } = await tx.query<TicketRow>('SELECT * FROM tickets WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE', [[data.ticketId, intoId ?? data.ticketId]]);
    const source = rows.find((r) => r.id === data.ticketId);
    if (!source) throw new NotFoundError('ticket not found');
    const into = rows.find((r) => r.id === intoId);
    if (!into) throw refuse('no such ticket to merge into', 'is no ticket');
    if (source.status === 'closed') {
      throw new ConflictError(source.merged_into ? 'this ticket was already merged into another' : 'this ticket is closed; a closed ticket is not merged');
    }
    if (into.status === 'closed') {
      throw refuse(`ticket #${into.number} is closed`, into.merged_into ? 'was merged into another ticket: merge into that one' : 'is closed: merge into an open ticket');
    }
    if (into.organization_id !== source.organization_id) throw refuse(`ticket #${into.number} is another organization's`, "is another organization's ticket");

    const actor = ctx.actor;
    const now = [writeTime(ctx.clock, source), writeTime(ctx.clock, into)].sort(Temporal.Instant.compare)[1];
    const sourcePolicy = await policyVersion(tx, source.policy_version);
    const intoPolicy = into.policy_version === source.policy_version ? sourcePolicy : await policyVersion(tx, into.policy_version);
    const sourceBefore = { ...source };
    const intoBefore = { ...into };

    await writeEvent(tx, {
      ticketId: source.id, at: now, actor, type: 'merged_into', visibility: 'public',
      body: `Merged into ticket #${into.number} "${into.subject}": the conversation continues there.`,
      data: { ticket_id: into.id, number: Number(into.number) },
    });
    await applyStatus({ tx, ticket: source, now, policy: sourcePolicy }, actor, 'closed');
    await tx.query('UPDATE tickets SET merged_into = $2 WHERE id = $1', [source.id, into.id]);
    await mailTicketMerged(tx, source, into, { now });
    await moveSideConversations(tx, source.id, into.id);

    await writeEvent(tx, {
      ticketId: into.id, at: now, actor, type: 'merged_from', visibility: 'public',
      // The merged request's own words, so the case holds everything the customer said.
      body: source.description,
      data: { ticket_id: source.id, number: Number(source.number), subject: source.subject, requester_id: source.requester_id, channel: source.channel },
    });
    // The merged ticket's requester and copied contacts are copied on the ticket merged into, so they hear where it goes.
    const { rows: copied } = await tx.query<{ contact_id: string }>('SELECT contact_id FROM ticket_ccs WHERE ticket_id = $1', [source.id]);
    await addCcs(tx, into, [source.requester_id, ...copied.map((r) => r.contact_id)], now, actor);
    if (into.status === 'solved') await applyStatus({ tx, ticket: into, now, policy: intoPolicy }, actor, 'open');

    const after: Record<string, TicketRow> = {};
    for (const [t, policy] of [[source, sourcePolicy], [into, intoPolicy]] as const) {
      await touchTicket(tx, t.id, now);
      const { rows: fresh } = await tx.query<TicketRow>('SELECT * FROM tickets WHERE id = $1', [t.id]);
      await recomputeClocks(tx, fresh[0], policy, now);
      after[t.id] = fresh[0];
    }
    await emitTicketUpdated(tx, sourceBefore, after[source.id], now, null);
    await emitTicketMerged(tx, after[source.id], into, now);
    await emitTicketUpdated(tx, intoBefore, after[into.id], now, null);
    return { ticket: baseView(after[source.id]), into: baseView(after[into.id]) };
  });
}

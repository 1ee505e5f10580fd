// The shared shape of a write on an existing ticket: lock it for this actor, run the
// change, stamp it, and re-project its clocks, all in one transaction.
import type { Ctx, Db } from '../platform/index.ts';
import type { PolicyModel } from '../policy/index.ts';
import { policyVersion } from '../policy-versions/index.ts';
import { recomputeClocks } from './recompute-clocks.ts';
import { ticketForActor, touchTicket, type TicketRow } from './store.ts';

/** `received`: when a mailed change reached the desk, if before its stamp `now` (writeOnTicket). */
export type WriteScope = { tx: Db; ticket: TicketRow; now: Temporal.Instant; policy: PolicyModel; received?: Temporal.Instant };

/**
 * The scope writeOnTicket gives a change. `afterClocks`: work left until the clocks are re-projected,
 * in the same transaction (mail that states the times the change left: regrade-mail.ts), given the
 * ticket as it is then.
 */
export type ChangeScope = WriteScope & { afterClocks: (work: (ticket: TicketRow) => Promise<void>) => void };

/**
 * The time of a write on a locked ticket: read after the row lock, so concurrent writers stamp
 * their events in the order they held the lock, and never before the ticket's last write (two
 * processes' clocks may disagree by a little), so the timeline's order is the order of the writes.
 */
export function writeTime(clock: Ctx['clock'], ticket: Pick<TicketRow, 'updated_at'>): Temporal.Instant {
  const now = clock.now();
  return Temporal.Instant.compare(now, ticket.updated_at) < 0 ? ticket.updated_at : now;
}

/**
 * `at`: when the words reached the desk, if before now (a mail that waited to be processed): the
 * change is stamped then, never before the ticket's last write (the timeline keeps the order of the
 * writes), and the clocks are read as of now. Where that last write came after the arrival (a
 * colleague's note, an assignment, a regrade while the mail waited to be read), the change is
 * stamped after it and each of its entries says when it was received (`received_at`): the clocks
 * count it as of its arrival all the same (recompute-clocks.ts historyOf), as the breach hold
 * (owed.ts breachCutoff) waited for it to.
 */
export async function writeOnTicket<T>(ctx: Ctx, ticketId: string, change: (scope: ChangeScope) => Promise<T>, at?: Temporal.Instant): Promise<T> {
  return ctx.db.transaction(async (tx) => {
    const ticket = await ticketForActor(tx, ctx.actor, ticketId, true);
    const current = writeTime(ctx.clock, ticket);
    const now = at ? writeTime({ now: () => (Temporal.Instant.compare(at, current) < 0 ? at : current) }, ticket) : current;
    const receivedBefore = at && Temporal.Instant.compare(at, now) < 0 ? at : null;
    const lastSeq = receivedBefore ? await lastEventSeq(tx, ticket.id) : null;
    const policy = await policyVersion(tx, ticket.policy_version);
    const pending: Array<(ticket: TicketRow) => Promise<void>> = [];
    const afterClocks = (work: (ticket: TicketRow) => Promise<void>) => { pending.push(work); };
    const result = await change({ tx, ticket, now, policy, afterClocks, ...(receivedBefore ? { received: receivedBefore } : {}) });
    if (receivedBefore) {
      // The ticket's row lock is held: the entries after lastSeq are this change's.
      await tx.query(
        "UPDATE ticket_events SET data = data || jsonb_build_object('received_at', $3::text) WHERE ticket_id = $1 AND seq > $2",
        [ticket.id, lastSeq, receivedBefore.toString()],
      );
    }
    await touchTicket(tx, ticket.id, now);
    const { rows } = await tx.query<TicketRow>('SELECT * FROM tickets WHERE id = $1', [ticket.id]);
    await recomputeClocks(tx, rows[0], policy, current);
    for (const work of pending) await work(rows[0]);
    return result;
  });
}

async function lastEventSeq(tx: Db, ticketId: string): Promise<string> {
  const { rows } = await tx.query<{ seq: string }>('SELECT COALESCE(max(seq), 0)::text AS seq FROM ticket_events WHERE ticket_id = $1', [ticketId]);
  return rows[0].seq;
}

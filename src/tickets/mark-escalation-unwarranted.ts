// An agent marks an escalation the customer asked for on a ticket unwarranted (no underlying
// issue); each request is marked at most once. The policy's abuse rule (OpenBack: "unwarranted
// and repeated support request escalations") counts these per organization over a window; the
// mark that reaches the threshold tells the managers and, when the policy's action is to notify
// charges, the organization's contacts, in the policy's words.
import { managerEmails, queueMessage } from '../outbox/index.ts';
import { ConflictError, parseInput, type Ctx, type Db } from '../platform/index.ts';
import { possessive, type PolicyModel } from '../policy/index.ts';
import { MarkUnwarrantedInput } from './schemas.ts';
import { mergedEnd, requireAgent, withMergedHere, writeEvent, type TicketRow } from './store.ts';
import { writeOnTicket } from './write-context.ts';

/** An organization's unwarranted escalations since $2 (read through ticket_events_counted_type_at). */
export const UNWARRANTED_SINCE_SQL = `SELECT count(*)::int AS n FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id
       WHERE e.type = 'escalation_unwarranted' AND t.organization_id = $1 AND e.at > $2`;

export type UnwarrantedResult = { count: number; threshold: number | null; windowDays: number | null; thresholdReached: boolean };

export async function markEscalationUnwarranted({ ctx, input }: { ctx: Ctx; input: MarkUnwarrantedInput }): Promise<UnwarrantedResult> {
  const data = parseInput(MarkUnwarrantedInput, input);
  return writeOnTicket(ctx, data.ticketId, async ({ tx, ticket, now, policy }) => {
    requireAgent(ctx.actor, 'mark escalations unwarranted');
    // A ticket merged away: its requests went with it, and are marked where the work goes on.
    const end = await mergedEnd(tx, ticket);
    if (end) {
      throw new ConflictError(`this ticket was merged into ticket #${end.number}: the escalations asked for on it are marked there`, [{ path: 'ticketId', message: `was merged into ticket #${end.number}` }]);
    }
    // What is marked is an escalation the customer sought ("unwarranted and repeated support
    // request escalations are sought by a customer"): one asked for on this ticket, or on one
    // merged into it (by them, or by an agent on their behalf), each once.
    const { rows: [asked] } = await tx.query<{ sought: number; marked: number }>(
      `${withMergedHere('$1')}
       SELECT count(*) FILTER (WHERE type = 'escalation_requested')::int AS sought,
              count(*) FILTER (WHERE type = 'escalation_unwarranted')::int AS marked
       FROM ticket_events WHERE ticket_id IN (SELECT id FROM here)`,
      [ticket.id],
    );
    if (asked.sought <= asked.marked) {
      throw new ConflictError(
        asked.sought === 0 ? 'the customer asked for no escalation on this ticket: there is none to mark' : 'every escalation the customer asked for on this ticket is marked already',
        [{ path: 'ticketId', message: `${asked.sought} asked for, ${asked.marked} marked unwarranted` }],
      );
    }
    const abuse = policy.file.abuse;
    // The count is the organization's: two agents marking two of its tickets at once take turns, so
    // the mark that reaches the threshold is counted once and tells the managers once.
    if (abuse) await tx.query('SELECT 1 FROM organizations WHERE id = $1 FOR UPDATE', [ticket.organization_id]);
    await writeEvent(tx, { ticketId: ticket.id, at: now, actor: ctx.actor, type: 'escalation_unwarranted', visibility: 'internal', body: data.reason });
    if (!abuse) return { count: 0, threshold: null, windowDays: null, thresholdReached: false };
    const since = now.subtract({ hours: 24 * abuse.threshold.window_days });
    const { rows } = await tx.query<{ n: number }>(UNWARRANTED_SINCE_SQL, [ticket.organization_id, since]);
    const count = rows[0].n;
    // Exactly at the threshold: the mark that crosses it notifies, later ones in the window do not.
    const reached = count === abuse.threshold.unwarranted_escalations;
    if (reached) await notifyAbuse(tx, policy, ticket, { count, windowDays: abuse.threshold.window_days, now });
    return { count, threshold: abuse.threshold.unwarranted_escalations, windowDays: abuse.threshold.window_days, thresholdReached: reached };
  });
}

async function notifyAbuse(tx: Db, policy: PolicyModel, t: TicketRow, input: { count: number; windowDays: number; now: Temporal.Instant }): Promise<void> {
  const abuse = policy.file.abuse!;
  const { rows: org } = await tx.query<{ name: string }>('SELECT name FROM organizations WHERE id = $1', [t.organization_id]);
  const text = abuse.text.replace(/\s+/g, ' ').trim();
  const key = `abuse:${t.organization_id}:${input.now.toString()}`;
  for (const recipient of await managerEmails(tx)) {
    await queueMessage(tx, {
      kind: 'abuse_threshold', recipient, createdAt: input.now,
      subject: `[Support request abuse] ${org[0].name}: ${input.count} unwarranted escalations in ${input.windowDays} days`,
      // The count and the window are this desk's setting (abuse.threshold), not the vendor's: the
      // policy names no number (OpenBack: "unwarranted and repeated"), so the mail says whose they are
      // before quoting what the policy itself says.
      body: `${org[0].name} has had ${input.count} escalations marked unwarranted in the last ${input.windowDays} days (the latest on ticket #${t.number}). `
        + `${input.count} in ${input.windowDays} days is this desk's threshold for telling you, set in its policy file; the support policy names no number. `
        + `What ${possessive(policy.file.vendor.name)} support policy says: “${text}”`,
      payload: { organization_id: t.organization_id, ticket_id: t.id, count: input.count }, dedupeKey: `${key}:${recipient}`,
    });
  }
  if (abuse.action === 'notify_charges') {
    const { rows: contacts } = await tx.query<{ email: string }>(
      'SELECT email FROM contacts WHERE organization_id = $1 AND (named_contact OR id = $2) ORDER BY email',
      [t.organization_id, t.requester_id],
    );
    for (const c of contacts) {
      await queueMessage(tx, {
        kind: 'abuse_notice', recipient: c.email, createdAt: input.now,
        subject: `Support request escalations: ${org[0].name}`, body: text,
        payload: { organization_id: t.organization_id }, dedupeKey: `${key}:${c.email}`,
      });
    }
  }
  await writeEvent(tx, {
    ticketId: t.id, at: input.now, actor: { kind: 'system' }, type: 'abuse_threshold_reached', visibility: 'internal',
    body: `${input.count} unwarranted escalations in ${input.windowDays} days: managers${abuse.action === 'notify_charges' ? ' and the organization' : ''} notified.`,
    data: { count: input.count, window_days: input.windowDays, action: abuse.action },
  });
}

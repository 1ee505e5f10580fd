// The SLA sweep: find clocks that owe a warning (goal reached) or a breach (due time
// passed), then fire each signal exactly once. The claim is a conditional UPDATE on the
// clock row ("... WHERE breached_at IS NULL"): of two concurrent workers only one wins,
// and a clock that came due while the service was down fires once, on the next sweep.
import type { Ctx, Db } from '../platform/index.ts';
import { signalsOwed } from '../sla/index.ts';
import { writeEvent } from './store.ts';
import { writeTime } from './write-context.ts';

type ClockRow = {
  id: string;
  ticket_id: string;
  metric: string;
  goal_at: Temporal.Instant | null;
  due_at: Temporal.Instant | null;
  met_at: Temporal.Instant | null;
  warned_at: Temporal.Instant | null;
  breached_at: Temporal.Instant | null;
};

const ms = (t: Temporal.Instant | null) => (t === null ? null : t.epochMilliseconds);

/** Ids of clocks owing a signal at `now`, oldest first. */
export async function findDueClocks(db: Db, now: Temporal.Instant, limit = 500): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    `SELECT id FROM sla_clocks
     WHERE state <> 'cancelled' AND (
       (goal_at <= $1 AND warned_at IS NULL AND (met_at IS NULL OR met_at > goal_at))
       OR (due_at <= $1 AND breached_at IS NULL AND (met_at IS NULL OR met_at > due_at)))
     ORDER BY least(goal_at, due_at) LIMIT $2`,
    [now, limit],
  );
  return rows.map((r) => r.id);
}

/** Fires what one clock owes; safe to run any number of times, concurrently. */
export async function fireClockSignals({ ctx, input }: { ctx: Ctx; input: { clockId: string } }): Promise<Array<'warning' | 'breach'>> {
  return ctx.db.transaction(async (tx) => {
    // The ticket's row lock first, as every ticket write takes it: the signal's timeline entry
    // is then ordered with the writes around it, and a reply meeting the clock cannot interleave.
    const { rows: owner } = await tx.query<{ id: string; updated_at: Temporal.Instant }>(
      'SELECT t.id, t.updated_at FROM tickets t JOIN sla_clocks c ON c.ticket_id = t.id WHERE c.id = $1 FOR UPDATE OF t',
      [input.clockId],
    );
    if (!owner[0]) return [];
    const now = writeTime(ctx.clock, owner[0]);
    const { rows } = await tx.query<ClockRow>('SELECT * FROM sla_clocks WHERE id = $1', [input.clockId]);
    const c = rows[0];
    if (!c) return [];
    const owed = signalsOwed({ goalAt: ms(c.goal_at), dueAt: ms(c.due_at), metAt: ms(c.met_at), warnedAt: ms(c.warned_at), breachedAt: ms(c.breached_at) }, now.epochMilliseconds);
    const fired: Array<'warning' | 'breach'> = [];
    for (const kind of owed) {
      const column = kind === 'warning' ? 'warned_at' : 'breached_at';
      const mark = kind === 'warning' ? c.goal_at : c.due_at;
      const claim = await tx.query(`UPDATE sla_clocks SET ${column} = $2 WHERE id = $1 AND ${column} IS NULL RETURNING id`, [c.id, mark]);
      if (claim.rows.length === 0) continue; // another worker won
      fired.push(kind);
      const words = kind === 'warning' ? 'reached its goal' : 'breached';
      await writeEvent(tx, {
        ticketId: c.ticket_id, at: now, actor: { kind: 'system' }, type: kind === 'warning' ? 'sla_warning' : 'sla_breach', visibility: 'internal',
        body: `${c.metric.replace(/_/g, ' ')} ${words} at ${mark!.toString()}`,
        data: { metric: c.metric, clock_id: c.id, [kind === 'warning' ? 'goal' : 'due']: mark!.toString() },
      });
      await queueNotice(tx, c, kind, mark!, now);
    }
    return fired;
  });
}

/** One e-mail per responsible agent (the assignee, else managers and admins), deduplicated per signal. */
async function queueNotice(tx: Db, c: ClockRow, kind: 'warning' | 'breach', mark: Temporal.Instant, now: Temporal.Instant): Promise<void> {
  const { rows: t } = await tx.query<{ number: number; subject: string; assignee_id: string | null }>('SELECT number, subject, assignee_id FROM tickets WHERE id = $1', [c.ticket_id]);
  const { rows: to } = t[0].assignee_id
    ? await tx.query<{ email: string }>('SELECT email FROM agents WHERE id = $1', [t[0].assignee_id])
    : await tx.query<{ email: string }>("SELECT email FROM agents WHERE role IN ('manager', 'admin') ORDER BY email");
  const what = kind === 'warning' ? 'SLA warning' : 'SLA breach';
  for (const r of to) {
    await tx.query(
      `INSERT INTO outbox (id, kind, recipient, subject, body, payload, dedupe_key, created_at)
       VALUES (gen_random_uuid(), $1, $2, $3, $4, $5::jsonb, $6, $7) ON CONFLICT (dedupe_key) DO NOTHING`,
      [
        `sla_${kind}`, r.email, `[${what}] Ticket #${t[0].number}: ${t[0].subject}`,
        `The ${c.metric.replace(/_/g, ' ')} clock of ticket #${t[0].number} ${kind === 'warning' ? 'reached its goal' : 'was due'} at ${mark.toString()}.`,
        JSON.stringify({ ticket_id: c.ticket_id, clock_id: c.id, metric: c.metric }), `${kind}:${c.id}:${mark.toString()}:${r.email}`, now,
      ],
    );
  }
}

/** One sweep: find and fire. Jobs fan this out per clock; tests and start-up call it directly. */
export async function sweepSlaClocks({ ctx }: { ctx: Ctx }): Promise<{ warnings: number; breaches: number }> {
  const ids = await findDueClocks(ctx.db, ctx.clock.now());
  let warnings = 0;
  let breaches = 0;
  for (const clockId of ids) {
    for (const k of await fireClockSignals({ ctx, input: { clockId } })) k === 'warning' ? warnings++ : breaches++;
  }
  return { warnings, breaches };
}

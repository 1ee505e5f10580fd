// What a clock owes, decided once, in SQL. Each arm is one way a clock can owe a signal, and its
// predicate is exactly the predicate of one partial index of migrations/0009_scale.sql (plus the
// comparison with now), so the sweep's query reads only owed rows and the claim that fires a
// signal tests the very same condition: the sweep and the claim cannot disagree.
//   reminder: the reminder time came, the clock is unmet, and it is not yet due (past the due time
//             the breach says it all);
//   warning:  the goal passed while unmet, or the clock was met after its goal;
//   breach:   the due time passed while unmet, or the clock was met after it.
export type Signal = 'reminder' | 'warning' | 'breach';
export type MarkColumn = 'remind_at' | 'goal_at' | 'due_at';
export type OwedArm = { signal: Signal; mark: MarkColumn; index: string; where: (now: string) => string };

const LIVE = "state <> 'cancelled'";

export const OWED_ARMS: readonly OwedArm[] = [
  {
    signal: 'reminder', mark: 'remind_at', index: 'sla_clocks_remind_owed',
    where: (now) => `remind_at <= ${now} AND remind_at IS NOT NULL AND reminded_at IS NULL AND met_at IS NULL AND ${LIVE} AND due_at > ${now}`,
  },
  {
    signal: 'warning', mark: 'goal_at', index: 'sla_clocks_goal_owed',
    where: (now) => `goal_at <= ${now} AND goal_at IS NOT NULL AND warned_at IS NULL AND met_at IS NULL AND ${LIVE}`,
  },
  {
    signal: 'warning', mark: 'goal_at', index: 'sla_clocks_goal_owed_met_late',
    where: (now) => `goal_at <= ${now} AND goal_at IS NOT NULL AND warned_at IS NULL AND met_at > goal_at AND ${LIVE}`,
  },
  {
    signal: 'breach', mark: 'due_at', index: 'sla_clocks_due_owed',
    where: (now) => `due_at <= ${now} AND due_at IS NOT NULL AND breached_at IS NULL AND met_at IS NULL AND ${LIVE}`,
  },
  {
    signal: 'breach', mark: 'due_at', index: 'sla_clocks_due_owed_met_late',
    where: (now) => `due_at <= ${now} AND due_at IS NOT NULL AND breached_at IS NULL AND met_at > due_at AND ${LIVE}`,
  },
];

/** Signals in the order they fire on one clock. */
export const SIGNALS: readonly Signal[] = ['reminder', 'warning', 'breach'];

export const SIGNAL_COLUMN: Record<Signal, 'reminded_at' | 'warned_at' | 'breached_at'> = { reminder: 'reminded_at', warning: 'warned_at', breach: 'breached_at' };
export const SIGNAL_MARK: Record<Signal, MarkColumn> = { reminder: 'remind_at', warning: 'goal_at', breach: 'due_at' };

/** `signal` is owed (SQL, `now` a placeholder such as `$1`): the disjunction of its arms. */
export function owedCondition(signal: Signal, now: string): string {
  return OWED_ARMS.filter((a) => a.signal === signal).map((a) => `(${a.where(now)})`).join(' OR ');
}

/**
 * The due-clock query: one index-ordered, limited scan per arm, merged. `$1` is now, `$2` the limit.
 * Each arm reads at most `limit` rows of its own index, whatever the size of the table.
 */
export const DUE_CLOCKS_SQL = `SELECT id FROM (
${OWED_ARMS.map((a) => `  (SELECT id, ${a.mark} AS at FROM sla_clocks WHERE ${a.where('$1')} ORDER BY ${a.mark} LIMIT $2)`).join('\n  UNION ALL\n')}
) owed GROUP BY id ORDER BY min(at), id LIMIT $2`;

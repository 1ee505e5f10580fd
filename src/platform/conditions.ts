// A list's WHERE conditions, built from its filters: each `?` in a condition stands for the value
// given with it, which becomes the statement's next positional parameter ($n). The ticket lists
// (tickets/list-tickets.ts, list-queue.ts) and the audit trail build theirs so.

/**
 * Conditions (to be joined with AND), starting from `initial`; `add` pushes its value onto `params`.
 * @example
 * const params: unknown[] = [];
 * const { where, add } = conditions(params);
 * add('t.status = ?', 'open'); // where: ['t.status = $1'], params: ['open']
 */
export function conditions(params: unknown[], initial: readonly string[] = []): { where: string[]; add: (sql: string, value: unknown) => void } {
  const where = [...initial];
  const add = (sql: string, value: unknown) => {
    params.push(value);
    where.push(sql.replaceAll('?', `$${params.length}`));
  };
  return { where, add };
}

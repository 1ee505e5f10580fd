// Customer satisfaction for managers: the ratings customers gave (rate-ticket.ts) in a window,
// by when they were given. Per period, plan and agent (who held the ticket when it was rated),
// how many were good and bad; and each rating with its comment, for the CSV export (the comments
// of the bad ones are what a manager reads).
import type { Ctx } from '../platform/index.ts';
import { reportWindow, type SlaAttainmentInput } from './sla-attainment.ts';

export type SatisfactionRow = { period: string; plan: string; agent: string | null; good: number; bad: number };
export type RatingRow = { number: number; subject: string; organization: string; plan: string; agent: string | null; rating: 'good' | 'bad'; comment: string | null; ratedBy: string; ratedAt: Temporal.Instant };

export async function satisfaction({ ctx, input }: { ctx: Ctx; input: SlaAttainmentInput }): Promise<SatisfactionRow[]> {
  const w = reportWindow(ctx, input);
  const { rows } = await ctx.db.query<SatisfactionRow>(
    `SELECT to_char(date_trunc($3, r.rated_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD') AS period, t.plan_id AS plan, a.name AS agent,
       count(*) FILTER (WHERE r.rating = 'good')::int AS good, count(*) FILTER (WHERE r.rating = 'bad')::int AS bad
     FROM ticket_ratings r JOIN tickets t ON t.id = r.ticket_id LEFT JOIN agents a ON a.id = r.assignee_id
     WHERE r.rated_at >= $1 AND r.rated_at < $2
     GROUP BY 1, 2, 3 ORDER BY 1, 2, 3 NULLS LAST`,
    [w.from, w.to, w.period],
  );
  return rows.map((r) => ({ period: r.period, plan: r.plan, agent: r.agent ?? null, good: Number(r.good), bad: Number(r.bad) }));
}

export async function listRatings({ ctx, input }: { ctx: Ctx; input: SlaAttainmentInput }): Promise<RatingRow[]> {
  const w = reportWindow(ctx, input);
  const { rows } = await ctx.db.query<{ number: string; subject: string; organization: string; plan: string; agent: string | null; rating: 'good' | 'bad'; comment: string | null; email: string; rated_at: Temporal.Instant }>(
    `SELECT t.number::text AS number, t.subject, o.name AS organization, t.plan_id AS plan, a.name AS agent, r.rating, r.comment, c.email, r.rated_at
     FROM ticket_ratings r JOIN tickets t ON t.id = r.ticket_id JOIN organizations o ON o.id = t.organization_id JOIN contacts c ON c.id = r.contact_id
       LEFT JOIN agents a ON a.id = r.assignee_id
     WHERE r.rated_at >= $1 AND r.rated_at < $2
     ORDER BY r.rated_at, t.number LIMIT 10000`,
    [w.from, w.to],
  );
  return rows.map((r) => ({ number: Number(r.number), subject: r.subject, organization: r.organization, plan: r.plan, agent: r.agent ?? null, rating: r.rating, comment: r.comment, ratedBy: r.email, ratedAt: r.rated_at }));
}

// Many tickets with one clock each, written in one statement: for the sweep's index tests, its
// burst test and bench:scale. Each ticket is open on the given organization and policy version.
// Likewise tickets due to be handed to on-call at support's close (the mail-outage fault run).
import type { Db } from '../../src/platform/index.ts';

export type BulkClocks = {
  count: number;
  organizationId: string;
  requesterId: string;
  policyVersion: number;
  planId: string;
  severity: number;
  openedAt: Temporal.Instant;
  goalAt?: Temporal.Instant | null;
  dueAt: Temporal.Instant | null;
  metAt?: Temporal.Instant | null;
  state?: string;
  /** Marks already written (the signal fired). */
  breachedAt?: Temporal.Instant | null;
  warnedAt?: Temporal.Instant | null;
};

/** Inserts `count` tickets, each with a 'resolution' clock; returns the clock ids' count. */
export async function insertBulkClocks(db: Db, b: BulkClocks): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    `WITH t AS (
       INSERT INTO tickets (id, organization_id, requester_id, subject, description, channel, status, severity, plan_id, policy_version, created_at, updated_at)
       SELECT gen_random_uuid(), $1, $2, 'Bulk ' || g, 'bulk', 'web', 'open', $3, $4, $5, $6, $6 FROM generate_series(1, $7::int) g
       RETURNING id)
     , c AS (
       INSERT INTO sla_clocks (id, ticket_id, metric, state, policy_version, started_at, goal_at, due_at, met_at, warned_at, breached_at, updated_at)
       SELECT gen_random_uuid(), t.id, 'resolution', $8, $5, $6, $9::timestamptz, $10::timestamptz, $11::timestamptz, $12::timestamptz, $13::timestamptz, $6 FROM t
       RETURNING id)
     SELECT count(*)::int AS n FROM c`,
    [
      b.organizationId, b.requesterId, b.severity, b.planId, b.policyVersion, b.openedAt, b.count, b.state ?? 'running',
      b.goalAt ?? null, b.dueAt, b.metAt ?? null, b.warnedAt ?? null, b.breachedAt ?? null,
    ],
  );
  return rows[0].n;
}

export type BulkHandovers = {
  count: number;
  /** Subjects are `${subject} 1` .. `${subject} count`. */
  subject: string;
  organizationId: string;
  requesterId: string;
  policyVersion: number;
  planId: string;
  severity: number;
  channel: string;
  /** In support hours: an arrival the after-hours rules do not take. */
  openedAt: Temporal.Instant;
  /** The closing instant at which support hands them to on-call. */
  handoverAt: Temporal.Instant;
};

/**
 * Inserts `count` open tickets due to be handed to on-call at `handoverAt` and not handed over
 * yet, as a ticket that arrived in hours and was still open at closing stands: the hand-over
 * (tickets/handover.ts) pages and projects their after-hours clocks. Returns their ids.
 */
export async function insertBulkHandovers(db: Db, b: BulkHandovers): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO tickets (id, organization_id, requester_id, subject, description, channel, status, severity, plan_id, policy_version, created_at, updated_at, handover_at)
     SELECT gen_random_uuid(), $1, $2, $3 || ' ' || g, 'bulk', $4, 'open', $5, $6, $7, $8, $8, $9 FROM generate_series(1, $10::int) g
     RETURNING id`,
    [b.organizationId, b.requesterId, b.subject, b.channel, b.severity, b.planId, b.policyVersion, b.openedAt, b.handoverAt, b.count],
  );
  return rows.map((r) => r.id);
}

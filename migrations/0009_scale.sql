-- 0009: at scale (issue 11). The sweep's due-clock query is a UNION ALL of arms, one per way a
-- clock can owe a signal, and each arm's predicate is exactly the predicate of one partial index
-- below (src/tickets/owed.ts writes both sides), so a pass reads only the owed rows, however many
-- open clocks there are. The indexes of 0001 and 0003 did not exclude cancelled clocks and had no
-- arm for a clock met after its mark; they are replaced.
DROP INDEX IF EXISTS sla_clocks_goal_open;
DROP INDEX IF EXISTS sla_clocks_due_open;
DROP INDEX IF EXISTS sla_clocks_remind_open;

-- A reminder is owed by an unmet running clock whose reminder time came.
CREATE INDEX sla_clocks_remind_owed ON sla_clocks (remind_at)
  WHERE remind_at IS NOT NULL AND reminded_at IS NULL AND met_at IS NULL AND state <> 'cancelled';
-- A warning: the goal passed while the clock was unmet, or the clock was met after its goal.
CREATE INDEX sla_clocks_goal_owed ON sla_clocks (goal_at)
  WHERE goal_at IS NOT NULL AND warned_at IS NULL AND met_at IS NULL AND state <> 'cancelled';
CREATE INDEX sla_clocks_goal_owed_met_late ON sla_clocks (goal_at)
  WHERE goal_at IS NOT NULL AND warned_at IS NULL AND met_at > goal_at AND state <> 'cancelled';
-- A breach: the due time passed while the clock was unmet, or the clock was met after it.
CREATE INDEX sla_clocks_due_owed ON sla_clocks (due_at)
  WHERE due_at IS NOT NULL AND breached_at IS NULL AND met_at IS NULL AND state <> 'cancelled';
CREATE INDEX sla_clocks_due_owed_met_late ON sla_clocks (due_at)
  WHERE due_at IS NOT NULL AND breached_at IS NULL AND met_at > due_at AND state <> 'cancelled';

-- Re-projection as a job (ADR 0011): activation stores the version and how many open tickets it
-- has to move; the job moves them in batches, each ticket claimed by a conditional update on its
-- policy_version. The open tickets still on an older version are found through this index.
ALTER TABLE policy_versions ADD COLUMN reproject_total integer NOT NULL DEFAULT 0;
ALTER TABLE policy_versions ADD COLUMN reprojected_at timestamptz;
CREATE INDEX tickets_open_policy_version ON tickets (policy_version) WHERE status <> 'closed';
-- Versions activated before this migration were re-projected inside their activation.
UPDATE policy_versions SET reprojected_at = activated_at WHERE activated_at IS NOT NULL;

-- A clock a regrade or a new policy version no longer owes, which had already been breached or met,
-- is kept as the record of that promise (src/tickets/ended-clocks.ts): its state 'ended', when and
-- by which timeline entry (the regrade, the move to a new version) it ended, and the severity its
-- outcome belongs to. Before this migration such a clock was cancelled, and its breach left the
-- ticket page, the API and the SLA reports.
--   severity  the severity the clock was owed under when its outcome was settled: written at each
--             re-projection, kept once it was breached, and kept when it ends (null: a clock of
--             before this migration, read as the ticket's severity);
--   ended_at  when the re-projection that no longer owed it ran; null while the clock is owed;
--   ended_by  the timeline entry it ended with.
ALTER TABLE sla_clocks ADD COLUMN severity integer;
ALTER TABLE sla_clocks ADD COLUMN ended_at timestamptz;
ALTER TABLE sla_clocks ADD COLUMN ended_by uuid REFERENCES ticket_events (id);

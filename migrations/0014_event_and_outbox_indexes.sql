-- The live pages (src/web/pages/live-pages.ts) read the timeline in its global order, "events
-- after seq N", every few seconds for each open page, and the latest seq when a page opens:
-- without an index on seq each of those reads scanned the whole timeline.
CREATE UNIQUE INDEX ticket_events_seq ON ticket_events (seq);

-- Events are counted by type for three rare types only (the metrics' warnings and breaches, the
-- policy's unwarranted escalations within a window). The index keeps those rows only, so the
-- events every ticket writes (created, acknowledged, replies...) are not indexed by type.
DROP INDEX ticket_events_type_at;
CREATE INDEX ticket_events_counted_type_at ON ticket_events (type, at)
  WHERE type IN ('sla_warning', 'sla_breach', 'escalation_unwarranted');

-- Mail given up on after its last attempt, counted by /metrics (accord_email_failed).
CREATE INDEX outbox_failed ON outbox (created_at) WHERE status = 'failed';

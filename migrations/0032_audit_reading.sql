-- Reading the audit trail (src/audit): newest first, by an actor, by kind of change.
CREATE INDEX audit_events_at ON audit_events (at DESC, id DESC);
CREATE INDEX audit_events_actor ON audit_events (actor_id, at DESC) WHERE actor_id IS NOT NULL;

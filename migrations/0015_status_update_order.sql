-- An incident's updates in the order they were posted. They were ordered by time and then by
-- their random id, so two updates of the same instant (two agents in the same microsecond, or a
-- fixed clock) could swap places between reads. Rows already there are numbered in the order the
-- table is read, which for this table (rows are only ever added) is the order they were written.
ALTER TABLE status_incident_updates ADD COLUMN seq bigint GENERATED ALWAYS AS IDENTITY;
DROP INDEX status_incident_updates_incident;
CREATE INDEX status_incident_updates_incident ON status_incident_updates (incident_id, created_at, seq);

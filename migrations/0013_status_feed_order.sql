-- The Atom feed carries the entries changed most recently (a postmortem on an old incident is
-- news to a feed reader), so it reads incidents and maintenances by their last change.
CREATE INDEX status_incidents_updated ON status_incidents (updated_at DESC, id);

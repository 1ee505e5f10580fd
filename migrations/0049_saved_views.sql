-- Saved queue views: a name for a set of work-queue filters ("Enterprise S1 waiting on us",
-- "Globex, billing"). An agent's own (owner_id) or the team's (owner_id NULL: written by managers
-- and admins, listed for every agent). The filters are the queue's own (tickets/saved-views.ts
-- QueueFilters), kept as JSON so a filter added later needs no migration; "me" in them means the
-- reader, so a team view "Mine, breaching soon" is each agent's own.
CREATE TABLE saved_views (
  id uuid PRIMARY KEY,
  owner_id uuid REFERENCES agents (id),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
  filters jsonb NOT NULL,
  created_at timestamptz NOT NULL
);
-- One name per owner, and one per the team's, whatever the case.
CREATE UNIQUE INDEX saved_views_name ON saved_views (coalesce(owner_id, '00000000-0000-0000-0000-000000000000'::uuid), lower(name));

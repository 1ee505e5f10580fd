-- Re-projection reads open tickets on an old policy version in (policy_version, id) order, a batch
-- at a time, each batch reading on from the last ticket of the one before (tickets/reproject.ts).
-- With policy_version alone in the index every batch had to fetch and sort all the tickets still
-- to move; with id in it a batch reads only its own rows, in order.
DROP INDEX IF EXISTS tickets_open_policy_version;
CREATE INDEX tickets_open_policy_version_id ON tickets (policy_version, id) WHERE status <> 'closed';

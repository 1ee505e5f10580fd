-- People leave: an agent who left the vendor, a contact who left the customer (customers/
-- update-agent.ts, update-contact.ts). Deactivated, they keep their history (tickets they opened
-- or worked, audit, timeline) but sign in no more, their tokens and sessions end, and they are
-- offered nowhere (assignees, copies, on-call, designations).
ALTER TABLE agents ADD COLUMN deactivated_at timestamptz;
ALTER TABLE contacts ADD COLUMN deactivated_at timestamptz;

-- Merging tickets (tickets/merge-ticket.ts): a request about a problem another ticket already
-- holds is closed into it. `merged_into` names the ticket the conversation continues on; mail in
-- the merged ticket's thread is taken to that ticket (email/match.ts). Checked at commit, so an
-- import (accord db import) may insert tickets in any order and in batches.
ALTER TABLE tickets ADD COLUMN merged_into uuid REFERENCES tickets (id) DEFERRABLE INITIALLY DEFERRED;

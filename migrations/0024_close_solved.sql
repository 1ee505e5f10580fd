-- Closing solved tickets nobody answered (tickets/close-solved.ts): the hourly job reads the
-- solved tickets oldest first, so the ones due are at the front of this index, whatever the
-- number of open or closed tickets around them.
CREATE INDEX tickets_solved_at ON tickets (solved_at, id) WHERE status = 'solved';

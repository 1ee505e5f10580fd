-- A ticket the after-hours rule took as it arrived (paged at once, tickets/after-hours.ts) is on
-- call's from its arrival: handed_over_at says so, as it does for one handed over when support
-- closed, so a regrade at night hands over only a ticket nobody was told of yet.
UPDATE tickets t SET handed_over_at = t.created_at
WHERE t.handed_over_at IS NULL
  AND EXISTS (SELECT 1 FROM ticket_events e WHERE e.ticket_id = t.id AND e.type = 'paged' AND e.data->>'reason' = 'after_hours_arrival');

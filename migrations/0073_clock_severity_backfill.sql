-- The severity of a clock breached before migration 0072, which stored none: the reports counted
-- its breach under the ticket's severity now, wrong once the ticket was regraded after it. 0072's
-- rule (recompute-clocks.ts) writes a clock's severity at each re-projection and keeps it once the
-- clock is breached: the severity the ticket had when the sweep recorded the breach. Every change
-- of severity is a 'regraded' timeline entry ({from, to}, regrade-ticket.ts), and the breach is an
-- 'sla_breach' entry naming the clock (tickets/sweep.ts), both written under the ticket's row lock,
-- so their seq is the order they happened in: the severity then is the last regrade's `to` before
-- the breach entry, else the first regrade's `from` after it, else the ticket's (never regraded).
-- Exact, so written. A clock never breached is left as it is: it is owed under the ticket's
-- severity now, which the reports read it as (and the next re-projection writes).
UPDATE sla_clocks c SET severity = s.severity
FROM (
  SELECT k.id, COALESCE(
           (SELECT (r.data->>'to')::integer FROM ticket_events r
            WHERE r.ticket_id = k.ticket_id AND r.type = 'regraded' AND r.seq < b.seq ORDER BY r.seq DESC LIMIT 1),
           (SELECT (r.data->>'from')::integer FROM ticket_events r
            WHERE r.ticket_id = k.ticket_id AND r.type = 'regraded' AND r.seq > b.seq ORDER BY r.seq LIMIT 1),
           t.severity) AS severity
  FROM sla_clocks k
  JOIN tickets t ON t.id = k.ticket_id
  CROSS JOIN LATERAL (
    SELECT max(e.seq) AS seq FROM ticket_events e
    WHERE e.ticket_id = k.ticket_id AND e.type = 'sla_breach' AND e.data->>'clock_id' = k.id::text
  ) b
  WHERE k.severity IS NULL AND k.breached_at IS NOT NULL AND b.seq IS NOT NULL
) s
WHERE c.id = s.id;

-- A case a contact files on the portal's form goes through the plan's web channel, else its email
-- one (policy/portal-channel.ts: OpenBack lists no web form, so its portal cases are Email). The
-- ticket's `channel` keeps the kind; this says it was written on the portal, so every place that
-- names the channel from the row (the search export, the designated staff's mail, the ticket page)
-- says "Email (filed in the portal)" as the timeline does (policy/channel-names.ts filedName).
-- Backfilled from the created entry, which has recorded the fact (data.portal) since such cases began.
ALTER TABLE tickets ADD COLUMN filed_in_portal boolean NOT NULL DEFAULT false;
UPDATE tickets t SET filed_in_portal = true
WHERE EXISTS (SELECT 1 FROM ticket_events e WHERE e.ticket_id = t.id AND e.type = 'created' AND e.data->'portal' = 'true'::jsonb);

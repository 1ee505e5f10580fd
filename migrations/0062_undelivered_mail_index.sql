-- The addresses mail did not reach (refused for good, or sent back): the few rows among all the mail
-- sent, for finding the contacts whose mail does not arrive (customers/rows.ts MAIL_UNDELIVERED)
-- without reading the latest mail of every contact of the desk.
CREATE INDEX outbox_undelivered ON outbox (recipient) WHERE bounced_at IS NOT NULL OR status = 'failed';

-- 0007: the email channel (docs/adr/0007-email-channel.md). Outbound: the outbox gains a delivery
-- state (claim, attempts, backoff, bounce). Inbound: every raw message is stored before anything
-- else, then processed; its attachments; the demo's captured mail. Times come from the application clock.

-- pending: waiting or retrying; sent: accepted by the relay (or captured); failed: attempts used up;
-- suppressed: deliberately not sent (a per-recipient limit on automatic replies, or a sender who
-- asked for none), with the reason in last_error.
ALTER TABLE outbox ADD COLUMN status text NOT NULL DEFAULT 'pending'
  CHECK (status IN ('pending', 'sent', 'failed', 'suppressed'));
-- Pending only: when the next attempt is due; null means now. While an attempt is in flight it is
-- the end of that attempt's claim, so a worker that died mid-send is retried after it.
ALTER TABLE outbox ADD COLUMN next_attempt_at timestamptz;
-- The Message-ID it was sent with (derived from the id, stable across retries).
ALTER TABLE outbox ADD COLUMN message_id text;
-- A bounce that answered this message (the inbound message that carried it).
ALTER TABLE outbox ADD COLUMN bounced_at timestamptz;
ALTER TABLE outbox ADD COLUMN bounce_reason text CHECK (length(bounce_reason) <= 1000);
ALTER TABLE outbox ADD COLUMN bounce_inbound_id uuid;
UPDATE outbox SET status = 'sent' WHERE sent_at IS NOT NULL;
DROP INDEX outbox_unsent;
CREATE INDEX outbox_due ON outbox (coalesce(next_attempt_at, created_at)) WHERE status = 'pending';
-- Threading and the automatic-reply limit look messages up by ticket and by recipient.
CREATE INDEX outbox_ticket ON outbox ((payload->>'ticket_id')) WHERE payload->>'ticket_id' IS NOT NULL;
CREATE INDEX outbox_recipient_sent ON outbox (recipient, created_at) WHERE status = 'sent';

-- Every message that reached Accord by SMTP or IMAP, raw, before it is parsed.
CREATE TABLE inbound_messages (
  id uuid PRIMARY KEY,
  source text NOT NULL CHECK (source IN ('smtp', 'imap')),
  -- Where it came from, unique when known (imap:<mailbox>:<uidvalidity>:<uid>): a re-poll stores nothing twice.
  source_key text UNIQUE,
  envelope_from text,
  envelope_to jsonb NOT NULL DEFAULT '[]',
  received_at timestamptz NOT NULL,
  size integer NOT NULL CHECK (size >= 0),
  -- The message as received; for a refused oversized message only its first bytes (the headers).
  raw bytea NOT NULL,
  raw_truncated boolean NOT NULL DEFAULT false,
  -- received: not processed yet; processing: claimed by a worker until claimed_until;
  -- created / appended: a ticket was opened / replied to; held: kept for a person to review;
  -- ignored: automatic mail, our own mail; bounce: attached to the outbox row it answers;
  -- refused: too large; quarantined: processing failed (error says why), can be retried.
  status text NOT NULL CHECK (status IN ('received', 'processing', 'created', 'appended', 'held', 'ignored', 'bounce', 'refused', 'quarantined')),
  -- What happened, in a sentence an admin reads.
  outcome text CHECK (length(outcome) <= 2000),
  error text CHECK (length(error) <= 2000),
  attempts integer NOT NULL DEFAULT 0,
  claimed_until timestamptz,
  processed_at timestamptz,
  -- Parsed facts, filled by processing.
  message_id text,
  from_address text,
  subject text,
  automatic text,
  ticket_id uuid REFERENCES tickets (id) ON DELETE SET NULL,
  outbox_id uuid REFERENCES outbox (id) ON DELETE SET NULL,
  held_request_id uuid,
  text_body text,
  html_sanitized text
);
CREATE INDEX inbound_messages_listed ON inbound_messages (received_at DESC, id DESC);
CREATE INDEX inbound_messages_waiting ON inbound_messages (received_at) WHERE status IN ('received', 'processing');
CREATE INDEX inbound_messages_message_id ON inbound_messages (message_id) WHERE message_id IS NOT NULL;
CREATE INDEX inbound_messages_ticket ON inbound_messages (ticket_id, received_at) WHERE ticket_id IS NOT NULL;

CREATE TABLE inbound_attachments (
  id uuid PRIMARY KEY,
  inbound_id uuid NOT NULL REFERENCES inbound_messages (id) ON DELETE CASCADE,
  filename text,
  content_type text NOT NULL,
  size integer NOT NULL CHECK (size >= 0),
  content bytea NOT NULL,
  UNIQUE (inbound_id, id)
);
CREATE INDEX inbound_attachments_message ON inbound_attachments (inbound_id);

-- The demo's mail catcher: what Accord would have sent, when no SMTP_URL is configured (/dev/mail).
CREATE TABLE captured_mail (
  id uuid PRIMARY KEY,
  outbox_id uuid REFERENCES outbox (id) ON DELETE CASCADE,
  captured_at timestamptz NOT NULL,
  envelope_from text NOT NULL,
  recipients jsonb NOT NULL,
  subject text NOT NULL,
  headers jsonb NOT NULL,
  text_body text,
  html_body text,
  raw text NOT NULL
);
CREATE INDEX captured_mail_listed ON captured_mail (captured_at DESC, id DESC);

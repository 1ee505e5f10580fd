-- 0005: outbound webhooks (docs/adr/0005-webhooks.md). Endpoints an admin registers; deliveries,
-- the outbox a write fills in its own transaction (src/webhooks/emit.ts) and the webhook job
-- empties; and the attempts made for each delivery. Times come from the application clock.

CREATE TABLE webhook_endpoints (
  id uuid PRIMARY KEY,
  url text NOT NULL CHECK (length(url) <= 2048),
  description text CHECK (length(description) <= 500),
  -- The signing secret as issued. HMAC signing needs the secret itself, so it cannot be stored
  -- as a hash; it is shown once (at creation or rotation) and never read back by the API.
  -- Why it is not encrypted at rest: docs/adr/0005-webhooks.md.
  secret text NOT NULL,
  -- The first characters of the secret, so people can tell which one a receiver holds.
  secret_prefix text NOT NULL,
  -- After a rotation the previous secret also signs, until it expires (a receiver's grace period).
  previous_secret text,
  previous_secret_expires_at timestamptz,
  -- The event types delivered: a JSON array of type names, or ["*"] for every type.
  events jsonb NOT NULL CHECK (jsonb_typeof(events) = 'array'),
  active boolean NOT NULL,
  -- Null when created by the system (CLI, seeding).
  created_by uuid REFERENCES agents (id),
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  CHECK ((previous_secret IS NULL) = (previous_secret_expires_at IS NULL))
);
CREATE INDEX webhook_endpoints_created ON webhook_endpoints (created_at, id);

CREATE TABLE webhook_deliveries (
  id uuid PRIMARY KEY,
  endpoint_id uuid NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
  -- The event's id: the same for every endpoint, every attempt and every redelivery of the event.
  event_id uuid NOT NULL,
  event_type text NOT NULL,
  -- The body sent: {"id", "type", "created_at", "data"}.
  payload jsonb NOT NULL,
  status text NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
  attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  -- Pending only: when the next attempt is due. While an attempt is in flight it is the end of
  -- that attempt's claim, so a worker that died mid-attempt is retried after it.
  next_attempt_at timestamptz,
  last_status_code integer,
  last_error text CHECK (length(last_error) <= 1000),
  delivered_at timestamptz,
  -- A redelivery is a new delivery of the same event; this is the delivery it repeats.
  redelivery_of uuid REFERENCES webhook_deliveries (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL,
  CHECK ((status = 'pending') = (next_attempt_at IS NOT NULL)),
  CHECK ((status = 'delivered') = (delivered_at IS NOT NULL))
);
-- The sweep's one question: which pending deliveries are due.
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'pending';
-- An endpoint's deliveries, newest first (the API's list).
CREATE INDEX webhook_deliveries_endpoint ON webhook_deliveries (endpoint_id, created_at DESC, id DESC);
CREATE INDEX webhook_deliveries_redelivery ON webhook_deliveries (redelivery_of) WHERE redelivery_of IS NOT NULL;
-- Finished deliveries by age, for the retention job.
CREATE INDEX webhook_deliveries_finished ON webhook_deliveries (created_at) WHERE status <> 'pending';

-- One row per attempt: what the receiver answered, or why nothing was sent or heard.
CREATE TABLE webhook_attempts (
  delivery_id uuid NOT NULL REFERENCES webhook_deliveries (id) ON DELETE CASCADE,
  attempt integer NOT NULL CHECK (attempt > 0),
  at timestamptz NOT NULL,
  status_code integer,
  error text CHECK (length(error) <= 1000),
  PRIMARY KEY (delivery_id, attempt)
);

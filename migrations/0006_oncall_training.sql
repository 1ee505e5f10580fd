-- 0006: on-call rotations (who answers after hours) and the training-hours ledger.
-- One dialect for PGlite and PostgreSQL; every time is written from the application clock.
-- Dates without a time (a rotation's start, a grant's validity, a session's day) are `date`
-- columns, read back as 'YYYY-MM-DD' text with to_char so no driver turns them into a Date.

-- A rotation: members take turns, handing over at a local time of day, daily or weekly.
-- It is configuration of the team, not of the published policy (ADR 0006).
CREATE TABLE oncall_rotations (
  id uuid PRIMARY KEY,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  -- An IANA zone (America/New_York) or a fixed offset (-06:00), as the policy's calendars.
  time_zone text NOT NULL,
  -- Local wall-clock time of the hand-over, 'HH:MM'.
  handover_time text NOT NULL CHECK (handover_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  cadence text NOT NULL CHECK (cadence IN ('daily', 'weekly')),
  handover_weekday text CHECK (handover_weekday IN ('mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun')),
  -- The first member's first shift starts on this local date, at handover_time.
  start_date date NOT NULL,
  -- The policy's after_hours rule ids this rotation answers for; null = all of them.
  after_hours_rule_ids jsonb,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  CHECK ((cadence = 'weekly') = (handover_weekday IS NOT NULL))
);
CREATE UNIQUE INDEX oncall_rotations_name ON oncall_rotations (lower(name));
CREATE INDEX oncall_rotations_created ON oncall_rotations (created_at, id);

-- The order members take their turns in.
CREATE TABLE oncall_rotation_members (
  rotation_id uuid NOT NULL REFERENCES oncall_rotations (id) ON DELETE CASCADE,
  position integer NOT NULL CHECK (position >= 0),
  agent_id uuid NOT NULL REFERENCES agents (id),
  PRIMARY KEY (rotation_id, position),
  UNIQUE (rotation_id, agent_id)
);

-- An agent covering a rotation from one instant to another (a swap, sickness). Overrides win
-- over the rotation; among overlapping overrides the one added last wins.
CREATE TABLE oncall_overrides (
  id uuid PRIMARY KEY,
  rotation_id uuid NOT NULL REFERENCES oncall_rotations (id) ON DELETE CASCADE,
  agent_id uuid NOT NULL REFERENCES agents (id),
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  reason text,
  created_by_kind text NOT NULL CHECK (created_by_kind IN ('agent', 'system')),
  created_by uuid REFERENCES agents (id),
  created_at timestamptz NOT NULL,
  CHECK (ends_at > starts_at)
);
-- Who is on call at t reads the overrides of a rotation that have not ended before t.
CREATE INDEX oncall_overrides_rotation_ends ON oncall_overrides (rotation_id, ends_at);

-- Training hours granted to an organization, usable on the dates of their validity.
CREATE TABLE training_grants (
  id uuid PRIMARY KEY,
  organization_id uuid NOT NULL REFERENCES organizations (id),
  -- Whole minutes, so sums are exact; the API speaks hours.
  minutes integer NOT NULL CHECK (minutes > 0),
  reason text NOT NULL,
  source text NOT NULL CHECK (source IN ('plan', 'contract', 'negotiated')),
  valid_from date NOT NULL,
  valid_until date NOT NULL,
  -- Plan grants only: the plan and the year granted, so granting a year twice grants once.
  plan_id text,
  plan_year integer,
  policy_version integer REFERENCES policy_versions (version),
  actor_kind text NOT NULL CHECK (actor_kind IN ('agent', 'system')),
  actor_id uuid REFERENCES agents (id),
  created_at timestamptz NOT NULL,
  CHECK (valid_until >= valid_from),
  CHECK ((source = 'plan') = (plan_year IS NOT NULL))
);
CREATE UNIQUE INDEX training_grants_plan_year ON training_grants (organization_id, plan_year) WHERE source = 'plan';
CREATE INDEX training_grants_organization ON training_grants (organization_id, created_at, id);

-- Training delivered: each session debits the grants valid on its date (training_charges).
CREATE TABLE training_sessions (
  id uuid PRIMARY KEY,
  organization_id uuid NOT NULL REFERENCES organizations (id),
  session_date date NOT NULL,
  minutes integer NOT NULL CHECK (minutes > 0),
  -- The agent who gave the training.
  agent_id uuid NOT NULL REFERENCES agents (id),
  notes text,
  -- How far beyond the balance a manager let this session go, with the manager's reason.
  overdraft_minutes integer NOT NULL DEFAULT 0 CHECK (overdraft_minutes >= 0),
  override_reason text,
  actor_kind text NOT NULL CHECK (actor_kind IN ('agent', 'system')),
  actor_id uuid REFERENCES agents (id),
  created_at timestamptz NOT NULL,
  CHECK ((overdraft_minutes > 0) = (override_reason IS NOT NULL))
);
CREATE INDEX training_sessions_organization ON training_sessions (organization_id, created_at, id);

-- Which grants a session was charged to, fixed when it was recorded (the ledger is never rewritten).
CREATE TABLE training_charges (
  session_id uuid NOT NULL REFERENCES training_sessions (id),
  grant_id uuid NOT NULL REFERENCES training_grants (id),
  minutes integer NOT NULL CHECK (minutes > 0),
  PRIMARY KEY (session_id, grant_id)
);
CREATE INDEX training_charges_grant ON training_charges (grant_id);

-- Fixed-window rate limits kept in the database (the status page's subscribe forms, per client
-- address), so several instances count one caller together instead of each allowing the limit.
-- One row per key: the window it is in and the calls counted in it. Rows whose window ended a
-- day ago are pruned every hour (jobs/maintenance-jobs.ts).
CREATE TABLE rate_limit_windows (
  key text PRIMARY KEY,
  window_start timestamptz NOT NULL,
  count integer NOT NULL
);
CREATE INDEX rate_limit_windows_start ON rate_limit_windows (window_start);

-- The time zone a person reads times in (customers/profile.ts): the pages show each time in it,
-- beside the plan's zone where a promise is worded. Null: UTC, as before.
ALTER TABLE agents ADD COLUMN time_zone text;
ALTER TABLE contacts ADD COLUMN time_zone text;

-- Which mail an agent takes about the work they hold (customers/mail-preferences.ts): a ticket
-- assigned to them, its customer writing, a new ticket of an organization they are designated
-- to. Absent keys are "yes". SLA warnings, breaches and pages are not optional: they are the
-- promise being kept.
ALTER TABLE agents ADD COLUMN mail_preferences jsonb NOT NULL DEFAULT '{}';

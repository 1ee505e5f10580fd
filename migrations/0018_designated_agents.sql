-- The people at the vendor designated to an organization (customers/designations.ts): policy
-- feature id -> agent id, for the features the policy marks designated_agent (OpenBack's
-- Designated Customer Success Manager). A map beside the plan, as unmet_requirements is.
ALTER TABLE organizations ADD COLUMN designated_agents jsonb NOT NULL DEFAULT '{}';

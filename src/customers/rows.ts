// Row-to-view mapping: the only place that knows column names of the customers tables.
import type { Agent, Contact, Organization } from './schemas.ts';

export const ORGANIZATION_COLUMNS = 'id, name, plan_id, onboarding_state, created_at';
export const CONTACT_COLUMNS = 'id, organization_id, email, name, named_contact, created_at';
export const AGENT_COLUMNS = 'id, email, name, role, created_at';

export function toOrganization(row: any): Organization {
  return {
    id: row.id,
    name: row.name,
    planId: row.plan_id,
    onboardingState: row.onboarding_state,
    createdAt: row.created_at,
  };
}

export function toContact(row: any): Contact {
  return {
    id: row.id,
    organizationId: row.organization_id,
    email: row.email,
    name: row.name,
    namedContact: row.named_contact,
    createdAt: row.created_at,
  };
}

export function toAgent(row: any): Agent {
  return { id: row.id, email: row.email, name: row.name, role: row.role, createdAt: row.created_at };
}

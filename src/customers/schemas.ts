// Input schemas and output shapes of the customers domain. A schema and its type share one name.
import { z } from 'zod';
import { PageInput } from '../platform/pagination.ts';
import { SCOPE_AREAS, SCOPE_PATTERN } from './token-scopes.ts';

const Email = z
  .email()
  .max(254)
  .transform((email) => email.toLowerCase());
// One line of text: a name goes into pages and mail headers, never a paragraph of someone's choosing.
export const Name = z.string().trim().min(1).max(200).regex(/^[^\p{Cc}]*$/u, 'must be one line, without control characters');
// Long enough to resist guessing, short enough to stop scrypt being used to burn CPU.
const Password = z.string().min(10).max(200);

export const AgentRole = z.enum(['front_line', 'escalation', 'manager', 'admin']);
export type AgentRole = z.infer<typeof AgentRole>;

export const OnboardingState = z.enum(['complete', 'incomplete']);

export const CreateOrganizationInput = z.strictObject({
  name: Name,
  // Plan ids come from the active policy; they are checked against it where the policy is known.
  planId: z.string().trim().min(1).max(100),
  // Not complete until someone says it is, however the organization is made (API, admin form, import):
  // OpenBack gives "only Standard Support to customers who do not complete the OpenBack Technical
  // On-boarding (this applies only for customers that are new users ...)", and a customer just added
  // has not completed it yet. One already using the product is marked existingCustomer instead.
  onboardingState: OnboardingState.default('incomplete'),
  // Already a customer when the policy's onboarding rule applies to new customers only.
  existingCustomer: z.boolean().default(false),
  // Requirements of the policy (coverage.requirements[].id) the organization does not meet.
  unmetRequirements: z.array(z.string().min(1).max(100)).max(50).default([]),
});
export type CreateOrganizationInput = z.input<typeof CreateOrganizationInput>;

export const UpdateOrganizationInput = z
  .strictObject({
    organizationId: z.string(),
    name: Name.optional(),
    planId: z.string().trim().min(1).max(100).optional(),
    onboardingState: OnboardingState.optional(),
    existingCustomer: z.boolean().optional(),
    unmetRequirements: z.array(z.string().min(1).max(100)).max(50).optional(),
    /** The team's notes about the customer (internal); null or empty: none. */
    notes: z.string().max(5000).nullable().optional(),
    /** Feature id -> the agent designated to the organization (a customer success manager, say); null removes. */
    designatedAgents: z.record(z.string().min(1).max(100), z.uuid().nullable()).optional(),
  })
  .refine((v) => Object.keys(v).some((k) => k !== 'organizationId'), { path: [], message: 'nothing to change' });
export type UpdateOrganizationInput = z.input<typeof UpdateOrganizationInput>;

export const ListOrganizationsInput = PageInput.extend({
  /** Organizations whose name holds these words as typed (any case): finding a customer among many. */
  q: z.string().trim().max(200).optional(),
  /** These organizations only (the pages name the organizations on a list). */
  ids: z.array(z.uuid()).max(200).optional(),
  /** Organizations called exactly this (any case): a name typed in a filter. Names may repeat. */
  name: z.string().trim().min(1).max(200).optional(),
  /** Organizations with someone whose latest mail was refused or came back (the team only). */
  mailUndelivered: z.boolean().optional(),
});
export type ListOrganizationsInput = z.input<typeof ListOrganizationsInput>;

export const CreateContactInput = z.strictObject({
  organizationId: z.uuid(),
  email: Email,
  name: Name,
  namedContact: z.boolean().default(false),
  password: Password.optional(),
});
export type CreateContactInput = z.input<typeof CreateContactInput>;

export const ListContactsInput = PageInput.extend({
  organizationId: z.uuid().optional(),
  /** The contact with this email (any case), if there is one. */
  email: z.string().trim().max(254).optional(),
  /** These contacts only (the pages name the people on a list). */
  ids: z.array(z.uuid()).max(200).optional(),
  /** The contacts of these organizations (a page showing some organizations with their people). */
  organizationIds: z.array(z.uuid()).max(200).optional(),
  /** Contacts whose name or email holds this text as typed (any case): finding a customer among many. */
  q: z.string().trim().max(200).optional(),
  /** Contacts whose latest mail was refused or came back, to correct their address (the team only). */
  mailUndelivered: z.boolean().optional(),
});
export type ListContactsInput = z.input<typeof ListContactsInput>;

export const CreateAgentInput = z.strictObject({
  email: Email,
  name: Name,
  role: AgentRole,
  password: Password.optional(),
});
export type CreateAgentInput = z.input<typeof CreateAgentInput>;

/** An agent's name or role changes; `active: false` deactivates them (they left), `true` brings them back. */
export const UpdateAgentInput = z
  .strictObject({ agentId: z.string().max(100), name: Name.optional(), email: Email.optional(), role: AgentRole.optional(), active: z.boolean().optional() })
  .refine((v) => v.name !== undefined || v.email !== undefined || v.role !== undefined || v.active !== undefined, { path: [], message: 'nothing to change' });
export type UpdateAgentInput = z.input<typeof UpdateAgentInput>;

/**
 * A contact's name, email (corrected: mistyped, or their company's changed) or named-contact standing
 * changes (the policy's change process); `active: false` deactivates them.
 */
export const UpdateContactInput = z
  .strictObject({ contactId: z.string().max(100), name: Name.optional(), email: Email.optional(), namedContact: z.boolean().optional(), active: z.boolean().optional() })
  .refine((v) => v.name !== undefined || v.email !== undefined || v.namedContact !== undefined || v.active !== undefined, { path: [], message: 'nothing to change' });
export type UpdateContactInput = z.input<typeof UpdateContactInput>;

export const ListAgentsInput = PageInput.extend({
  /** These agents only (the pages and canned responses name people). */
  ids: z.array(z.uuid()).max(200).optional(),
});
export type ListAgentsInput = z.input<typeof ListAgentsInput>;

export const CreateApiTokenInput = z
  .strictObject({
    // Whose token; omitted means the actor's own.
    agentId: z.uuid().optional(),
    contactId: z.uuid().optional(),
    name: z.string().trim().min(1).max(100).optional(),
    // At most the lifetime configured for the owner's kind (TokenLifetimes); that lifetime if omitted.
    expiresInDays: z.number().int().min(1).max(3650).optional(),
    // A token that may only read (GET and HEAD): for a reporting tool or a dashboard.
    readOnly: z.boolean().default(false),
    // What it may do, by area of the API (customers/token-scopes.ts); omitted: whatever its owner's role may.
    scopes: z.array(z.string().regex(SCOPE_PATTERN, `is area:read or area:write, the area one of ${SCOPE_AREAS.join(', ')}`)).min(1).max(40)
      .refine((s) => new Set(s).size === s.length, 'names a scope twice').optional(),
  })
  .refine((input) => !(input.agentId && input.contactId), {
    message: 'name an agent or a contact, not both',
    path: ['contactId'],
  });
export type CreateApiTokenInput = z.input<typeof CreateApiTokenInput>;

export const ListApiTokensInput = PageInput.extend({
  // Admins may list anyone's tokens; everyone else sees only their own.
  agentId: z.uuid().optional(),
  contactId: z.uuid().optional(),
});
export type ListApiTokensInput = z.input<typeof ListApiTokensInput>;

export const RevokeApiTokenInput = z.strictObject({ tokenId: z.uuid() });
export type RevokeApiTokenInput = z.input<typeof RevokeApiTokenInput>;

/** How long new tokens live, by owner kind, in days (config: ACCORD_TOKEN_DAYS_*). */
export interface TokenLifetimes {
  contact: number;
  agent: number;
}
export const DEFAULT_TOKEN_LIFETIMES: TokenLifetimes = { contact: 90, agent: 365 };

export interface Organization {
  id: string;
  name: string;
  planId: string;
  onboardingState: 'complete' | 'incomplete';
  existingCustomer: boolean;
  unmetRequirements: string[];
  /** Feature id -> agent id: the people at the vendor designated to it (policy features with designated_agent). */
  designatedAgents: Record<string, string>;
  /** The team's notes about the customer: internal, null for a contact reading it. */
  notes: string | null;
  createdAt: Temporal.Instant;
}

export interface Contact {
  id: string;
  organizationId: string;
  email: string;
  name: string;
  namedContact: boolean;
  /** The time zone they read times in (profile.ts); null: not given. */
  timeZone: string | null;
  createdAt: Temporal.Instant;
  /** Set when the contact left the customer (update-contact.ts): they sign in no more. */
  deactivatedAt: Temporal.Instant | null;
  /** Set when their personal data was erased on request (privacy/erase-contact.ts): the row names nobody. */
  erasedAt: Temporal.Instant | null;
  /**
   * For agents: the latest mail to their address did not arrive (rows.ts CONTACT_SELECT): refused for
   * good (`failed`) or sent back (`bounced`), which message (`kind`, queued at `mailAt`) and the
   * server's reason. Null when it did, when nothing was sent yet, and for a contact reading it.
   */
  mailUndelivered: { how: 'failed' | 'bounced'; kind: string; mailAt: Temporal.Instant; reason: string } | null;
}

export interface Agent {
  id: string;
  email: string;
  name: string;
  role: AgentRole;
  createdAt: Temporal.Instant;
  /** Set when the agent left the team (update-agent.ts): they sign in no more and are offered nowhere. */
  deactivatedAt: Temporal.Instant | null;
  /** Since when they are away (profile.ts): given no new ticket in turn; null when here. */
  awaySince: Temporal.Instant | null;
  /** Set when a former agent's personal data was erased on request (privacy/erase-agent.ts): the row names nobody. */
  erasedAt: Temporal.Instant | null;
}

export interface ApiToken {
  id: string;
  prefix: string;
  name: string | null;
  owner: { kind: 'agent' | 'contact'; id: string };
  createdAt: Temporal.Instant;
  expiresAt: Temporal.Instant;
  lastUsedAt: Temporal.Instant | null;
  revokedAt: Temporal.Instant | null;
  /** It may only read (GET and HEAD). */
  readOnly: boolean;
  /** What it may do by area (customers/token-scopes.ts); null: whatever its owner's role may. */
  scopes: string[] | null;
}

export interface CreatedApiToken {
  id: string;
  /** The raw token: returned once, never stored. */
  token: string;
  prefix: string;
  name: string | null;
  owner: { kind: 'agent' | 'contact'; id: string };
  createdAt: Temporal.Instant;
  expiresAt: Temporal.Instant;
  readOnly: boolean;
  scopes: string[] | null;
}

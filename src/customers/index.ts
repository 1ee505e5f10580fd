// The customers domain: organizations, their contacts, the support team (agents) and API tokens.
export { createOrganization } from './create-organization.ts';
export { countOrganizations, listOrganizations } from './list-organizations.ts';
export { getOrganization } from './get-organization.ts';
export { planChangeNote, updateOrganization } from './update-organization.ts';
export { assertEmailNotAgent, createContact, emailTaken } from './create-contact.ts';
export {
  importCustomers, ImportCustomersInput, ImportRefusedError, MAX_IMPORT_BYTES, MAX_IMPORT_ROWS, IMPORT_COLUMNS,
  type ImportReport, type ImportLine, type ImportProblem, type ImportAction, type OnContactCreated,
} from './import-customers.ts';
export { moveContactAddress, updateContact, voidAddressChanges } from './update-contact.ts';
export { updateAgent } from './update-agent.ts';
export { getProfile, updateProfile, mailSignature, canonicalZone, UpdateProfileInput, type Profile } from './profile.ts';
export { getMailPreferences, setMailPreferences, agentsTakingMail, digestHourOf, DEFAULT_DIGEST_HOUR, MailPreferencesInput, MAIL_KINDS, type MailPreferences, type MailKind } from './mail-preferences.ts';
export { getForwardingToken, renewForwardingToken, isForwardingTokenOf } from './forwarding.ts';
export { countContactsMailUndelivered, listContacts } from './list-contacts.ts';
export { createAgent } from './create-agent.ts';
export { listAgents } from './list-agents.ts';
export { createApiToken } from './create-api-token.ts';
export { listApiTokens } from './list-api-tokens.ts';
export { revokeApiToken } from './revoke-api-token.ts';
export { createTokenForEmail, listTokensForEmail, revokeTokenById } from './token-admin.ts';
export { authenticateToken, checkToken, TOKEN_COLUMNS, TOKEN_JOINS } from './authenticate-token.ts';
export { SCOPE_AREAS, scopesAllow, type ScopeArea } from './token-scopes.ts';
export { hashPassword, verifyPassword, hashToken } from './secrets.ts';
export { hasAgentRole, mayWriteOwned, requireAgent, requireAgentRole, MANAGERS } from './permissions.ts';
export {
  AgentRole,
  CreateAgentInput,
  CreateApiTokenInput,
  CreateContactInput,
  CreateOrganizationInput,
  UpdateOrganizationInput,
  UpdateAgentInput,
  UpdateContactInput,
  ListAgentsInput,
  ListContactsInput,
  ListOrganizationsInput,
  ListApiTokensInput,
  RevokeApiTokenInput,
  DEFAULT_TOKEN_LIFETIMES,
} from './schemas.ts';
export type { Agent, ApiToken, Contact, CreatedApiToken, Organization, TokenLifetimes } from './schemas.ts';
export type { TokenCheck, TokenRow } from './authenticate-token.ts';
export { listDesignations, designatableFeatures, designationsOf, planDesignation, type Designation, type PlannedDesignation } from './designations.ts';

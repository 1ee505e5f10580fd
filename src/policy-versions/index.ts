// Stored, versioned policies: the active version and activation of a new one.
export { activePolicy, policyVersion } from './active-policy.ts';
export type { PolicyVersion } from './active-policy.ts';
export { activatePolicy } from './activate-policy.ts';
export type { ActivatePolicyInput } from './activate-policy.ts';

// Stored, versioned policies: the active version, activating a new one, and how far the
// re-projection of open tickets onto it has come.
export { activePolicy, policyVersion, versionModel, loadedVersion, ACTIVE_VERSION_SQL } from './active-policy.ts';
export type { PolicyVersion } from './active-policy.ts';
export { activatePolicy } from './activate-policy.ts';
export type { ActivatePolicyInput } from './activate-policy.ts';
export { markReprojected, openTicketCount, reprojectionProgress } from './reprojection-progress.ts';
export type { Reprojecting } from './reprojection-progress.ts';

// Signing in to the web pages: sessions (cookie tokens stored hashed), throttled sign-in,
// password reset by a single-use emailed token, a password changed by its owner.
export { authenticateSession, createSession, endSession, endSessionsOf, pruneSessions, SESSION_COOKIE, SESSION_HOURS, SESSION_MAX_DAYS } from './sessions.ts';
export type { Session, Person } from './sessions.ts';
export { signIn, pruneLoginAttempts, MAX_FAILURES_PER_EMAIL, MAX_FAILURES_PER_ADDRESS, THROTTLE_WINDOW } from './sign-in.ts';
export { requestPasswordReset, resetPassword, resetTokenUsable, RESET_MINUTES } from './password-reset.ts';
export { changePassword, checkCurrentPassword, endOtherSessions, otherSessions, type SignedIn } from './password-change.ts';
export { inviteToSignIn, INVITE_DAYS, type Invitation } from './invitation.ts';
export {
  answerChallenge, confirmTwoStep, disableTwoStep, pruneChallenges, resetTwoStep, startTwoStep, twoStepOf, withTwoStep, CHALLENGE_MINUTES, MAX_CODE_TRIES, type TwoStep,
} from './two-step.ts';
export { registerTwoStepRequirement, twoStepRequiredOf, TWO_STEP_REQUIREMENTS, type TwoStepRequirement } from './two-step-required.ts';
export {
  addressChangeOfToken, cancelAddressChange, confirmAddressChange, pendingAddressChange, requestAddressChange, ADDRESS_CONFIRM_HOURS, MAX_ADDRESS_REQUESTS_PER_HOUR,
  type PendingAddressChange,
} from './address-change.ts';

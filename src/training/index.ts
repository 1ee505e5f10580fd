// Training hours: per organization, grants (plan, contract, negotiated; valid for a period) and
// the sessions that debit them. The rules are in ledger.ts (docs/adr/0006-oncall-and-training.md).
export { balanceOn, chargeSession, isValidOn } from './ledger.ts';
export type { GrantLot, SessionCharge } from './ledger.ts';
export { grantTrainingHours } from './grant-training-hours.ts';
export { grantPlanTraining } from './grant-plan-training.ts';
export { recordTrainingSession } from './record-training-session.ts';
export { getTrainingBalance } from './get-training-balance.ts';
export { listTrainingEntries } from './list-training-entries.ts';
export {
  GetTrainingBalanceInput,
  GrantPlanTrainingInput,
  GrantTrainingHoursInput,
  ListTrainingEntriesInput,
  RecordTrainingSessionInput,
  GRANT_SOURCES,
} from './schemas.ts';
export type { GrantSource, TrainingBalance, TrainingEntry, TrainingGrant, TrainingSession } from './schemas.ts';

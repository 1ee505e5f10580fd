// Inputs and views of the training-hours ledger. A schema and its type share one name; inputs
// are camelCase (the HTTP edge translates the API's snake_case). Hours come in quarter hours
// and are kept as whole minutes, so every sum is exact.
import { z } from 'zod';
import { PageInput } from '../platform/pagination.ts';
import { LocalDate } from '../platform/validation.ts';

const noNul = (v: string) => !v.includes('\u0000');
const Text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max).refine(noNul, 'must not contain NUL characters');


const Hours = (max: number) => z.number().positive('must be more than 0').max(max).multipleOf(0.25, 'must be in quarter hours (0.25)');
const Year = z.number().int().min(2000).max(2199);

export const GRANT_SOURCES = ['plan', 'contract', 'negotiated'] as const;
export type GrantSource = (typeof GRANT_SOURCES)[number];

/** Hours a manager enters: from the customer's contract, or negotiated with sales. */
const ManualGrant = z.strictObject({
  organizationId: z.uuid(),
  source: z.enum(['contract', 'negotiated']),
  hours: Hours(10_000),
  reason: Text(500),
  validFrom: LocalDate,
  validUntil: LocalDate,
});

/** The plan's hours for a year, as the active policy states them (nothing when it states none). */
export const GrantPlanTrainingInput = z.strictObject({ organizationId: z.uuid(), year: Year });
export type GrantPlanTrainingInput = z.input<typeof GrantPlanTrainingInput>;

export const GrantTrainingHoursInput = z.discriminatedUnion('source', [
  ManualGrant,
  GrantPlanTrainingInput.extend({ source: z.literal('plan') }),
]);
export type GrantTrainingHoursInput = z.input<typeof GrantTrainingHoursInput>;

export const RecordTrainingSessionInput = z.strictObject({
  organizationId: z.uuid(),
  date: LocalDate,
  hours: Hours(24),
  /** The agent who gave the training; omitted means the acting agent. */
  agentId: z.uuid().optional(),
  notes: Text(2000).optional(),
  /** A manager's reason for going beyond the balance; managers and admins only. */
  overrideReason: Text(500).optional(),
});
export type RecordTrainingSessionInput = z.input<typeof RecordTrainingSessionInput>;

export const GetTrainingBalanceInput = z.strictObject({
  organizationId: z.uuid(),
  /** Defaults to today in the time zone of the organization's plan hours. */
  on: LocalDate.optional(),
});
export type GetTrainingBalanceInput = z.input<typeof GetTrainingBalanceInput>;

export const ListTrainingEntriesInput = PageInput.extend({ organizationId: z.uuid() });
export type ListTrainingEntriesInput = z.input<typeof ListTrainingEntriesInput>;

export interface TrainingGrant {
  id: string;
  organizationId: string;
  hours: number;
  reason: string;
  source: GrantSource;
  validFrom: string;
  validUntil: string;
  createdAt: Temporal.Instant;
}

export interface TrainingSession {
  id: string;
  organizationId: string;
  date: string;
  hours: number;
  agentId: string;
  notes: string | null;
  /** Hours beyond the balance a manager allowed, with the reason (0 and null when it fitted). */
  overdraftHours: number;
  overrideReason: string | null;
  /** The grants it was charged to. */
  charges: Array<{ grantId: string; hours: number }>;
  createdAt: Temporal.Instant;
}

export interface TrainingBalance {
  organizationId: string;
  /** The date the balance is for. */
  on: string;
  /** May be negative after an overridden session; never silently. */
  balanceHours: number;
  /** The grants valid that day, expiring first first, with what each still holds. */
  grants: Array<{ grantId: string; source: GrantSource; validFrom: string; validUntil: string; hours: number; remainingHours: number }>;
}

/** One line of the ledger, in the order it was written. */
export type TrainingEntry =
  | ({ kind: 'grant' } & Omit<TrainingGrant, 'organizationId'>)
  | ({ kind: 'session' } & Omit<TrainingSession, 'organizationId' | 'charges'>);

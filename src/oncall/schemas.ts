// Inputs and views of the on-call domain. A schema and its type share one name; inputs are
// camelCase (the HTTP edge translates the API's snake_case); instants arrive as ISO-8601 text.
import { z } from 'zod';
import { PageInput } from '../platform/pagination.ts';
import { LocalDate } from '../platform/validation.ts';
import { WEEKDAYS, type Weekday } from './on-call-at.ts';

const noNul = (v: string) => !v.includes('\u0000');
const Text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max).refine(noNul, 'must not contain NUL characters');

// Instants Accord can store: PostgreSQL's timestamptz range is narrower than Temporal's.
const EARLIEST = Temporal.Instant.from('1970-01-01T00:00:00Z');
const LATEST = Temporal.Instant.from('2200-01-01T00:00:00Z');
export const InstantText = z.iso
  .datetime({ offset: true })
  .transform((text) => Temporal.Instant.from(text))
  .refine((at) => Temporal.Instant.compare(at, EARLIEST) >= 0 && Temporal.Instant.compare(at, LATEST) < 0, 'must be between 1970 and 2200');

/** An IANA zone or a fixed offset, stored as Temporal spells it (america/new_york -> America/New_York). */
export const TimeZone = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .transform((zone, context) => {
    try {
      return Temporal.ZonedDateTime.from({ year: 2000, month: 1, day: 1, timeZone: zone }).timeZoneId;
    } catch {
      context.addIssue({ code: 'custom', message: 'must be an IANA time zone such as America/New_York, or an offset such as -06:00' });
      return z.NEVER;
    }
  });

export const HandoverTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a local time HH:MM, 00:00 to 23:59');


const Weekday = z.enum(WEEKDAYS);
const RuleId = z.string().min(1).max(100).regex(/^[a-z0-9][a-z0-9_-]*$/, 'must be an after-hours rule id of the policy');

const RotationFields = {
  name: Text(200),
  timeZone: TimeZone,
  handoverTime: HandoverTime,
  cadence: z.enum(['daily', 'weekly']),
  /** Weekly rotations only. */
  handoverWeekday: Weekday.nullable().optional(),
  startDate: LocalDate,
  /** Agent ids in turn order. */
  members: z
    .array(z.uuid())
    .min(1, 'must name at least one agent')
    .max(100, 'must name at most 100 agents')
    .refine((ids) => new Set(ids).size === ids.length, 'must not name an agent twice'),
  /** The policy's after_hours rule ids this rotation answers for; null or omitted: all of them. */
  afterHoursRuleIds: z.array(RuleId).min(1).max(50).nullable().optional(),
};

export const CreateRotationInput = z.strictObject(RotationFields);
export type CreateRotationInput = z.input<typeof CreateRotationInput>;

// Only the fields given change; null clears handoverWeekday (daily) or afterHoursRuleIds (all rules).
export const UpdateRotationInput = CreateRotationInput.partial().extend({ rotationId: z.uuid() });
export type UpdateRotationInput = z.input<typeof UpdateRotationInput>;

export const DeleteRotationInput = z.strictObject({ rotationId: z.uuid() });
export type DeleteRotationInput = z.input<typeof DeleteRotationInput>;

export const ListRotationsInput = PageInput;
export type ListRotationsInput = z.input<typeof ListRotationsInput>;

export const AddOverrideInput = z.strictObject({
  rotationId: z.uuid(),
  /** Who covers; omitted means the acting agent. */
  agentId: z.uuid().optional(),
  startsAt: InstantText,
  endsAt: InstantText,
  reason: Text(500).optional(),
});
export type AddOverrideInput = z.input<typeof AddOverrideInput>;

export const RemoveOverrideInput = z.strictObject({ overrideId: z.uuid() });
export type RemoveOverrideInput = z.input<typeof RemoveOverrideInput>;

/** The overrides not yet ended: of this rotation, or of every rotation when omitted. */
export const ListOverridesInput = z.strictObject({ rotationId: z.uuid().optional() });
export type ListOverridesInput = z.input<typeof ListOverridesInput>;

export const WhoIsOnCallInput = z.strictObject({
  /** Defaults to now. */
  at: InstantText.optional(),
  /** Only rotations answering for this after_hours rule of the active policy. */
  afterHoursRuleId: RuleId.optional(),
});
export type WhoIsOnCallInput = z.input<typeof WhoIsOnCallInput>;

export const ListShiftsInput = z.strictObject({
  rotationId: z.uuid(),
  /** Defaults to now; the first shift is the one holding this instant. */
  from: InstantText.optional(),
  count: z.coerce.number().int().min(1).max(100).default(10),
});
export type ListShiftsInput = z.input<typeof ListShiftsInput>;

export interface Rotation {
  id: string;
  name: string;
  timeZone: string;
  handoverTime: string;
  cadence: 'daily' | 'weekly';
  handoverWeekday: Weekday | null;
  startDate: string;
  members: string[];
  afterHoursRuleIds: string[] | null;
  createdAt: Temporal.Instant;
  updatedAt: Temporal.Instant;
}

export interface Override {
  id: string;
  rotationId: string;
  agentId: string;
  startsAt: Temporal.Instant;
  endsAt: Temporal.Instant;
  reason: string | null;
  createdBy: string | null;
  createdAt: Temporal.Instant;
}

/** A shift as people read it: who, from when to when, and whether an override holds it. */
export interface Shift {
  rotationId: string;
  rotationName: string;
  agentId: string;
  name: string;
  email: string;
  startsAt: Temporal.Instant;
  endsAt: Temporal.Instant;
  overrideId: string | null;
}

/** What the paging code gets: one row per agent on call. */
export interface OnCallAgent {
  agentId: string;
  email: string;
  name: string;
  rotationId: string;
  shiftEndsAt: Temporal.Instant;
}

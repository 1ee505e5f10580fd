// Who is on call at an instant: pure, no I/O, no clock reads. A rotation hands over at a local
// wall-clock time (Temporal.ZonedDateTime), so a daily 09:00 hand-over in America/New_York is at
// 09:00 local on both sides of a DST change, and shifts around the change last 23 or 25 hours.
// Overrides win over the rotation; among overlapping overrides the last one in the list wins
// (the store passes them oldest first, so the override added last wins).
//
// The shift returned is the piece of the effective schedule holding the instant: the rotation's
// shift cut where overrides begin and end, or the stretch an override holds (a rotation's
// hand-over inside an override is no hand-over at all). Consecutive shifts tile time: the shift
// at a shift's end starts at that end.

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** What the arithmetic needs of a rotation. */
export interface RotationPlan {
  /** IANA zone or fixed offset. */
  timeZone: string;
  /** Local hand-over time, 'HH:MM'. */
  handoverTime: string;
  cadence: 'daily' | 'weekly';
  /** Weekly rotations hand over on this weekday; null for daily ones. */
  handoverWeekday: Weekday | null;
  /** 'YYYY-MM-DD': the first member's first shift starts that day at handoverTime. */
  startDate: string;
  /** Agent ids, in turn order; at least one. */
  members: readonly string[];
}

export interface OverrideSpan {
  id: string;
  agentId: string;
  startsAt: Temporal.Instant;
  endsAt: Temporal.Instant;
}

export interface OnCallShift {
  agentId: string;
  startsAt: Temporal.Instant;
  endsAt: Temporal.Instant;
  /** The override holding this shift, or null when the rotation does. */
  overrideId: string | null;
}

type RotationShift = { agentId: string; startsAt: Temporal.Instant; endsAt: Temporal.Instant };

const cmp = Temporal.Instant.compare;

/** The hand-over instant of a local date ('compatible': a skipped time moves forward, a repeated one takes the first). */
function handoverOn(plan: RotationPlan, date: Temporal.PlainDate): Temporal.Instant {
  return date.toZonedDateTime({ timeZone: plan.timeZone, plainTime: Temporal.PlainTime.from(plan.handoverTime) }).toInstant();
}

/** The instant the rotation's first shift starts. */
export function rotationStart(plan: RotationPlan): Temporal.Instant {
  return handoverOn(plan, Temporal.PlainDate.from(plan.startDate));
}

const days = (from: Temporal.PlainDate, to: Temporal.PlainDate) => from.until(to, { largestUnit: 'days' }).days;

/** The rotation's own shift holding `at` (overrides ignored), or null before its first shift. */
export function rotationShiftAt(plan: RotationPlan, at: Temporal.Instant): RotationShift | null {
  const start = Temporal.PlainDate.from(plan.startDate);
  // The local date whose hand-over is the last one at or before `at`. Starting from the local
  // date of `at` and correcting both ways keeps this exact even where local dates repeat.
  let day = at.toZonedDateTimeISO(plan.timeZone).toPlainDate();
  while (cmp(handoverOn(plan, day), at) > 0) day = day.subtract({ days: 1 });
  while (cmp(handoverOn(plan, day.add({ days: 1 })), at) <= 0) day = day.add({ days: 1 });
  if (Temporal.PlainDate.compare(day, start) < 0) return null;

  const n = plan.members.length;
  if (plan.cadence === 'daily') {
    const k = days(start, day);
    return { agentId: plan.members[k % n], startsAt: handoverOn(plan, day), endsAt: handoverOn(plan, day.add({ days: 1 })) };
  }
  // Weekly: the first shift runs from the start date to the first hand-over weekday after it
  // (a full week when the start date is itself that weekday); then a week per turn.
  const weekday = WEEKDAYS.indexOf(plan.handoverWeekday ?? 'mon') + 1;
  const first = start.add({ days: (weekday - start.dayOfWeek + 7) % 7 || 7 });
  if (Temporal.PlainDate.compare(day, first) < 0) {
    return { agentId: plan.members[0], startsAt: handoverOn(plan, start), endsAt: handoverOn(plan, first) };
  }
  const boundary = day.subtract({ days: (day.dayOfWeek - weekday + 7) % 7 });
  const k = 1 + days(first, boundary) / 7;
  const endsAt = handoverOn(plan, boundary.add({ days: 7 }));
  return { agentId: plan.members[k % n], startsAt: handoverOn(plan, boundary), endsAt };
}

/** Index of the override holding `at` (the last listed that covers it), or -1. */
function winnerAt(overrides: readonly OverrideSpan[], at: Temporal.Instant): number {
  for (let i = overrides.length - 1; i >= 0; i--) {
    const o = overrides[i];
    if (cmp(o.startsAt, at) <= 0 && cmp(at, o.endsAt) < 0) return i;
  }
  return -1;
}

/** Every instant at which some override begins or ends, sorted, without repeats. */
function overridePoints(overrides: readonly OverrideSpan[]): Temporal.Instant[] {
  const all = overrides.flatMap((o) => [o.startsAt, o.endsAt]).sort(cmp);
  return all.filter((p, i) => i === 0 || cmp(all[i - 1], p) !== 0);
}

/**
 * The agent on call for a rotation at `at`, with the shift's start and end; null before the
 * rotation's first shift when no override covers `at`.
 * @example
 * const shift = onCallAt(rotation, overrides, Temporal.Instant.from('2026-03-08T14:00:00Z'));
 * // { agentId, startsAt: 2026-03-08T13:00:00Z (09:00 EDT), endsAt: ..., overrideId: null }
 */
export function onCallAt(rotation: RotationPlan, overrides: readonly OverrideSpan[], at: Temporal.Instant): OnCallShift | null {
  const spans = overrides.filter((o) => cmp(o.startsAt, o.endsAt) < 0);
  const held = winnerAt(spans, at);
  if (held >= 0) {
    // Between two consecutive override points the covering set is fixed: walk outwards while the
    // same override still wins.
    const points = overridePoints(spans);
    let i = points.findLastIndex((p) => cmp(p, at) <= 0);
    while (i > 0 && winnerAt(spans, points[i - 1]) === held) i--;
    let j = points.findIndex((p) => cmp(p, at) > 0);
    while (winnerAt(spans, points[j]) === held) j++;
    const o = spans[held];
    return { agentId: o.agentId, startsAt: points[i], endsAt: points[j], overrideId: o.id };
  }
  const shift = rotationShiftAt(rotation, at);
  if (!shift) return null;
  let { startsAt, endsAt } = shift;
  for (const o of spans) {
    // An override ending inside this shift (at or before `at`) hands back to the rotation there;
    // one starting after `at` takes over there.
    if (cmp(o.endsAt, startsAt) > 0 && cmp(o.endsAt, at) <= 0) startsAt = o.endsAt;
    if (cmp(o.startsAt, at) > 0 && cmp(o.startsAt, endsAt) < 0) endsAt = o.startsAt;
  }
  return { agentId: shift.agentId, startsAt, endsAt, overrideId: null };
}

/**
 * `count` consecutive shifts, the first holding `from`. Where nobody is on call (before the
 * rotation starts, outside overrides) the list skips ahead to the next shift.
 */
export function shiftsFrom(
  rotation: RotationPlan,
  overrides: readonly OverrideSpan[],
  from: Temporal.Instant,
  count: number,
): OnCallShift[] {
  const shifts: OnCallShift[] = [];
  let at: Temporal.Instant | null = from;
  while (at && shifts.length < count) {
    const shift = onCallAt(rotation, overrides, at);
    if (shift) {
      shifts.push(shift);
      at = shift.endsAt;
      continue;
    }
    // Nobody until the rotation starts or the next override begins, whichever is first.
    const here: Temporal.Instant = at;
    const next = [rotationStart(rotation), ...overrides.map((o) => o.startsAt)].filter((p) => cmp(p, here) > 0).sort(cmp)[0];
    at = next ?? null;
  }
  return shifts;
}

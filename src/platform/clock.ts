// The only source of "now". Domain code calls ctx.clock.now(); SQL receives it as a parameter.

export interface Clock {
  now(): Temporal.Instant;
}

export const systemClock: Clock = {
  now: () => Temporal.Now.instant(),
};

/**
 * A clock tests move by hand instead of sleeping.
 * @example
 * const clock = new TestClock('2025-03-03T09:00:00Z');
 * clock.advance({ hours: 2 });
 */
export class TestClock implements Clock {
  #now: Temporal.Instant;

  constructor(start: Temporal.Instant | string = '2025-01-06T09:00:00Z') {
    this.#now = typeof start === 'string' ? Temporal.Instant.from(start) : start;
  }

  now(): Temporal.Instant {
    return this.#now;
  }

  set(instant: Temporal.Instant | string): void {
    this.#now = typeof instant === 'string' ? Temporal.Instant.from(instant) : instant;
  }

  advance(duration: Temporal.DurationLike | Temporal.Duration): Temporal.Instant {
    this.#now = this.#now.add(duration);
    return this.#now;
  }
}

/**
 * "2026-12-04 08:29 UTC": the desk's one unambiguous way of writing an instant for people when no
 * reader's zone is known (mails, the status page, pages without a plan zone).
 */
export function utcMinuteText(at: Temporal.Instant): string {
  return `${at.toString({ smallestUnit: 'minute' }).replace('T', ' ').replace('Z', '')} UTC`;
}

// Turns an API simulation request into the facts simulateSla takes, refusing what the active
// policy does not know with the field named. (The CLI does the same with usage errors.)
import { InvalidInputError, type ErrorDetail } from '../platform/errors.ts';
import type { PolicyModel } from '../policy/index.ts';
import type { RequestFacts } from '../sla/index.ts';

export type SimulationBody = { plan: string; severity: number; opened: string; channel?: string; pauses?: Array<{ from: string; to: string }> };

// Calendars resolve holidays per year; a request centuries away is a mistake, not a question.
const EARLIEST = Temporal.Instant.from('1970-01-01T00:00:00Z');
const LATEST = Temporal.Instant.from('2200-01-01T00:00:00Z');

function instant(text: string, path: string, details: ErrorDetail[]): number {
  try {
    const at = Temporal.Instant.from(text);
    if (Temporal.Instant.compare(at, EARLIEST) >= 0 && Temporal.Instant.compare(at, LATEST) < 0) return at.epochMilliseconds;
  } catch {
    // reported below
  }
  details.push({ path, message: 'must be an ISO-8601 date-time with an offset, between 1970 and 2200 (e.g. 2026-12-21T09:30:00Z)' });
  return 0;
}

export function simulationRequest(policy: PolicyModel, body: SimulationBody): RequestFacts & { pauses: Array<{ from: number; to: number }> } {
  const details: ErrorDetail[] = [];
  if (!policy.plans.has(body.plan)) details.push({ path: 'plan', message: `must be one of ${[...policy.plans.keys()].join(', ')}` });
  if (!policy.severities.has(body.severity)) details.push({ path: 'severity', message: `must be one of ${[...policy.severities.keys()].join(', ')}` });
  const openedAt = instant(body.opened, 'opened', details);
  const pauses = (body.pauses ?? []).map((p, i) => {
    const from = instant(p.from, `pauses.${i}.from`, details);
    const to = instant(p.to, `pauses.${i}.to`, details);
    if (to <= from && details.length === 0) details.push({ path: `pauses.${i}.to`, message: 'must be after from' });
    return { from, to };
  });
  if (details.length > 0) throw new InvalidInputError('The simulation request is not valid', details);
  return { plan: body.plan, severity: body.severity, openedAt, channel: body.channel, pauses };
}

// Turns a simulation request into the facts simulateSla takes, refusing what the policy does not
// know with the field named. (The CLI does the same with usage errors.) The API words a refusal
// by the ids its callers send; the policy editor's simulator by the names its form shows.
import { InvalidInputError, type ErrorDetail } from '../platform/errors.ts';
import { listedSeverities, planName, severitiesLabel, severityName, type PolicyModel } from '../policy/index.ts';
import { channelChoices, findChannel, type RequestFacts } from '../sla/index.ts';

/** How a refusal names what the policy knows: 'ids' for the API, 'names' for a page's form. */
export type Wording = 'ids' | 'names';

export type SimulationBody = { plan: string; severity: number; opened: string; channel?: string; pauses?: Array<{ from: string; to: string }> };

// Calendars resolve holidays per year; a request centuries away is a mistake, not a question.
const EARLIEST = Temporal.Instant.from('1970-01-01T00:00:00Z');
const LATEST = Temporal.Instant.from('2200-01-01T00:00:00Z');

const WHEN: Record<Wording, string> = {
  ids: 'must be an ISO-8601 date-time with an offset, between 1970 and 2200 (e.g. 2026-12-21T09:30:00Z)',
  names: 'must be a date and time between 1970 and 2200 (for example 2026-12-21 09:30)',
};

function instant(text: string, path: string, details: ErrorDetail[], wording: Wording = 'ids'): number {
  try {
    const at = Temporal.Instant.from(text);
    if (Temporal.Instant.compare(at, EARLIEST) >= 0 && Temporal.Instant.compare(at, LATEST) < 0) return at.epochMilliseconds;
  } catch {
    // reported below
  }
  details.push({ path, message: WHEN[wording] });
  return 0;
}

/** The plans, severities and channels a request may name: by id for the API, as the policy names them for a page. */
function choices(policy: PolicyModel, wording: Wording) {
  if (wording === 'ids') return { plans: [...policy.plans.keys()].join(', '), severities: [...policy.severities.keys()].join(', '), channels: channelChoices(policy) };
  return {
    // The channels the form offers, by their names: "this policy's channels: Email, Chat, Phone, Documentation" (OpenBack).
    channels: `this policy's channels: ${policy.file.channels.map((c) => c.name).join(', ')}`,
    plans: `this policy's plans: ${[...policy.plans.keys()].map((id) => planName(policy, id)).join(', ')}`,
    // By the vendor's word and names, in its order: "this policy's tiers: Tier 1 Support, Tier 2 Support, Emergency Tier 2" (OpenKey).
    severities: `this policy's ${severitiesLabel(policy).toLowerCase()}: ${listedSeverities(policy).map((s) => severityName(policy, s.id)).join(', ')}`,
  };
}

/** `refused`: what the caller already refused (a page's own fields), reported with the rest. */
export function simulationRequest(policy: PolicyModel, body: SimulationBody, wording: Wording = 'ids', refused: ErrorDetail[] = []): RequestFacts & { pauses: Array<{ from: number; to: number }> } {
  const details: ErrorDetail[] = [...refused];
  const known = choices(policy, wording);
  if (!policy.plans.has(body.plan)) details.push({ path: 'plan', message: `must be one of ${known.plans}` });
  if (!policy.severities.has(body.severity)) details.push({ path: 'severity', message: `must be one of ${known.severities}` });
  // A channel the policy does not know is a mistake, not a question (findChannel: by id, or by kind).
  if (body.channel !== undefined && !findChannel(policy, body.channel)) details.push({ path: 'channel', message: `must be one of ${known.channels}` });
  const openedAt = instant(body.opened, 'opened', details, wording);
  const pauses = (body.pauses ?? []).map((p, i) => {
    const from = instant(p.from, `pauses.${i}.from`, details);
    const to = instant(p.to, `pauses.${i}.to`, details);
    if (to <= from && details.length === 0) details.push({ path: `pauses.${i}.to`, message: 'must be after from' });
    return { from, to };
  });
  if (details.length > 0) throw new InvalidInputError(wording === 'ids' ? 'The simulation request is not valid' : 'The simulator could not run with these choices', details);
  return { plan: body.plan, severity: body.severity, openedAt, channel: body.channel, pauses };
}

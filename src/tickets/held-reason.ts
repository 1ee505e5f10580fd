// Why a request was held, as it reads after the moment it was held. The refusal stored with it
// (intake.ts channelRefusal, create-ticket.ts refusalOf) is said to its sender at once, in the
// present: "Chat is closed now; it opens Mon 7 Dec 2026 09:00 GMT; use Email". Read on Monday
// morning (the portal's cases page, the agent's held page, a mail opened later) "closed now" is
// false. So a reason about that moment is said in the past with when it arrived, in the reader's
// zone: "Chat was closed when this arrived, Sat 5 Dec 2026 11:00 GMT". What it said to use instead
// ("use Email", "Chat opens ...", "answered now") was true then only and is left out of the reason;
// `instead` keeps it for a mail that says it as of then. The plan's and the policy's standing words
// ("The Growth plan does not include Phone", the named contacts' rule) are true while the policy is,
// and are said as the policy says them, with the time in the past for a channel's plan too.
import type { PolicyFile } from '../policy/index.ts';
import { readerTime } from './reader-zone.ts';

export type HeldReasonRead = {
  /** The reason, true whenever it is read (no full stop: the page or the mail ends it). */
  said: string;
  /** What the refusal told its sender to use instead, as of when it arrived ("use Email; Chat opens ..."); null when none. */
  instead: string | null;
};

/** Why it is served on another plan (served-words.ts servedOnText), said after a channel refusal: "Until ..., X's requests are served ...". */
const SERVED = /\. ((?:Until|While) .+? requests) are (served .+)$/;

/**
 * When a request arrived, for one reader: in their own zone, else in the zone of the plan's hours
 * (reader-zone.ts), as their other mail and pages say times.
 */
export function arrivedWords(policy: PolicyFile, planId: string | null, readerZone: string | null, at: Temporal.Instant): string {
  const plan = policy.plans.find((p) => p.id === planId);
  const zone = (plan && policy.calendars.find((c) => c.id === plan.calendar)?.time_zone) ?? 'UTC';
  return readerTime(at.epochMilliseconds, readerZone, zone);
}

/**
 * `arrived`: when the request arrived, in the reader's words (arrivedWords); null where the page
 * says it beside the reason already (the agent's held page: "Arrived"). A reason
 * of a kind or wording not known here (not_named_contact, a standing rule) is returned as stored.
 * @example
 * heldReasonRead({ reasonCode: 'channel_closed', reason: 'Chat is closed now; it opens Mon 7 Dec 2026 09:00 GMT; use Email' }, 'Sat 5 Dec 2026 11:00 GMT')
 * // { said: 'Chat was closed when this arrived, Sat 5 Dec 2026 11:00 GMT', instead: 'it opens Mon 7 Dec 2026 09:00 GMT; use Email' }
 */
export function heldReasonRead(held: { reasonCode: string; reason: string }, arrived: string | null): HeldReasonRead {
  const served = SERVED.exec(held.reason);
  const refusal = served ? held.reason.slice(0, served.index) : held.reason;
  // The served plan's reason, in the past as the rest ("... Northwind's requests were served as ...").
  const why = served ? `. ${served[1]} were ${served[2]}` : '';
  const [first, ...rest] = refusal.split('; ');
  const instead = rest.length > 0 ? rest.join('; ') : null;
  const past = pastOf(held.reasonCode, first!);
  if (past === null) return { said: held.reason, instead: null };
  return { said: `${past} when this arrived${arrived ? `, ${arrived}` : ''}${why}`, instead };
}

/** The refusal's first clause in the past ("Chat was closed"), or null for a reason said as stored. */
function pastOf(code: string, clause: string): string | null {
  const m = code === 'channel_closed' ? /^(.+) is closed (?:now|then)$/.exec(clause)
    : code === 'channel_not_in_plan' ? /^(The .+ plan) does not include (.+)$/.exec(clause)
    : code === 'unknown_channel' ? /^(.+) takes no requests by (.+)$/.exec(clause)
    : null;
  if (!m) return null;
  if (code === 'channel_closed') return `${m[1]} was closed`;
  return code === 'channel_not_in_plan' ? `${m[1]} did not include ${m[2]}` : `${m[1]} took no requests by ${m[2]}`;
}

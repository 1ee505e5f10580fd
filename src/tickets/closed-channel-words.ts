// What a customer refused on a live channel that is closed now (intake.ts channelRefusal) is told
// they can use instead, with no promise the policy does not make. A line answered now is named
// with its number (OpenKey's phones, "answered 24/7/365"); a written channel is said to be answered
// at any time only when the plan answers it round the clock, and answered now when its hours are
// open now (OpenBack's "out of hours standard support from 6pm to 9am via email"). Any other one
// takes the request now but works it when its hours open: "can be used at any time" would promise
// support around the clock that the vendor limits (OPS-COM: "After hours support is limited to
// critical issues"; Standard Plus has "email support only during the same hours"), so it says when
// work resumes, and which severities after-hours support takes through it, by the policy's rules,
// or whose time runs round the clock (OpenBack's "Severity 1: Critical ... 1 hour, 24x7"): work
// on those does not wait for the morning.
import { isOpen, nextOpen } from '../calendar/index.ts';
import { afterHoursChannels, clockOf, requestChannelsOfKind, severityPhrase, severityPublished, takesRequests, type PolicyModel } from '../policy/index.ts';
import { applicableTargets, localText, withReaderTimes } from '../sla/index.ts';
import { vendorTime } from './reader-zone.ts';

/**
 * The word for the moment the words are about: "now" to a customer at the desk; "then" in the
 * simulator (tickets/simulate-request.ts), whose request is at its own simulated time.
 */
export type Moment = 'now' | 'then';

/** Someone has to answer a phone or a chat at once; e-mail and web requests wait in the queue. */
export const LIVE_KINDS: ReadonlySet<string> = new Set(['phone', 'chat']);

type Channel = PolicyModel['file']['channels'][number];

/** A channel by its name, with its address where the policy gives one: "Email (support@openback.com)". */
export const named = (c: Channel): string => (c.address ? `${c.name} (${c.address})` : c.name);

/**
 * The plan's channels offered as a way in (not one the vendor lists only to be read: OpenBack's
 * Documentation, `offered_instead: false`) and the hours the plan gives each.
 */
function offeredChannels(policy: PolicyModel, planId: string): Array<{ channel: Channel; hours: string }> {
  const plan = policy.plans.get(planId)!;
  return Object.entries(plan.channels)
    .map(([id, hours]) => ({ channel: policy.file.channels.find((c) => c.id === id), hours }))
    .filter((x): x is { channel: Channel; hours: string } => x.channel !== undefined && takesRequests(x.channel));
}

/**
 * The plan's channels someone answers at `at`: lines answered now (OpenKey's phones, "Answered
 * 24/7/365"), and written channels worked now on hours of their own (OpenBack's "out of hours
 * standard support from 6pm to 9am via email"). A written channel the plan takes "24x7" only takes
 * requests at any hour: nobody is said to answer it now.
 */
export function answeredNow(policy: PolicyModel, planId: string, at: number): { lines: Channel[]; written: Channel[] } {
  const open = offeredChannels(policy, planId).filter((x) => x.hours === '24x7' || isOpen(clockOf(policy, x.hours), at));
  return {
    lines: open.filter((x) => LIVE_KINDS.has(x.channel.kind)).map((x) => x.channel),
    written: open.filter((x) => !LIVE_KINDS.has(x.channel.kind) && x.hours !== '24x7').map((x) => x.channel),
  };
}

/**
 * What a refusal of a channel the plan lacks says to use at `at`: "use Email; Chat opens Mon 7 Dec
 * 2026 09:00 GMT". A written channel is named to use while its hours are open (or it is taken round
 * the clock); out of them it takes the request now and works it when they open, and is said so, as a
 * closed live channel's refusal says it (insteadOfClosed): OpenBack's Growth email is answered from
 * "6pm to 9am" and in the support hours, so at Saturday 11:00 a bare "use Email" would let the
 * customer think it answered now. A live one (someone has to answer it at once) is named only while
 * it is staffed, else with the time it opens: OpenBack's Growth chat is staffed in the support hours,
 * so at Saturday 11:00 "use Email, Chat" would send the customer to a chat that refuses them until Monday.
 * Times as the policy states its hours, the reader's own beside them (`readerZone`: reader-zone.ts).
 */
export function offeredNow(policy: PolicyModel, planId: string, at: number, readerZone: string | null = null, now: Moment = 'now'): string {
  const plan = policy.plans.get(planId)!;
  const offered = offeredChannels(policy, planId);
  const openNow = (x: { hours: string }) => x.hours === '24x7' || isOpen(clockOf(policy, x.hours), at);
  const usable = offered.filter(openNow).map((x) => x.channel.name);
  const waiting = offered.filter((x) => !openNow(x) && !LIVE_KINDS.has(x.channel.kind)).map((x) => x.channel);
  const later = new Map<string, string[]>();
  for (const x of offered.filter((o) => !openNow(o) && LIVE_KINDS.has(o.channel.kind))) {
    const zone = policy.calendars.get(x.hours)?.time_zone ?? policy.calendars.get(plan.calendar)!.time_zone;
    const opens = vendorTime(nextOpen(clockOf(policy, x.hours), at), zone, readerZone);
    later.set(opens, [...(later.get(opens) ?? []), x.channel.name]);
  }
  const zoneOf = (c: Channel) => policy.calendars.get(plan.channels[c.id]!)?.time_zone ?? policy.calendars.get(plan.calendar)!.time_zone;
  return [
    ...(usable.length > 0 ? [`use ${usable.join(', ')}`] : []),
    ...takenForLater(policy, planId, waiting, at, null, now).map((x) => withReaderTimes(x.text, [x.opens], zoneOf(x.channels[0]!), readerZone)),
    ...[...later].map(([opens, names]) => `${names.join(' and ')} ${names.length === 1 ? 'opens' : 'open'} ${opens}`),
  ].join('; ');
}

/** The plans that include a channel of this kind, by name: "Pro and Enterprise" (OpenBack's "Phone | Provided to our Pro and Enterprise Customers"). */
export function plansWith(policy: PolicyModel, kind: string): string {
  const ids = new Set(requestChannelsOfKind(policy, kind).map((c) => c.id));
  const names = [...policy.plans.values()].filter((p) => Object.keys(p.channels).some((id) => ids.has(id))).map((p) => p.name);
  return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/**
 * "; A or B are answered now; C can be used at any time; a request by D is taken now, and work on it resumes ...": what follows
 * "X is closed now; it opens ...". When work resumes is said in the zone of the hours, the reader's own time beside it.
 */
export function insteadOfClosed(policy: PolicyModel, planId: string, closedKind: string, at: number, readerZone: string | null = null, now: Moment = 'now'): string {
  const plan = policy.plans.get(planId)!;
  const hours = (c: Channel) => plan.channels[c.id]!;
  const written = offeredChannels(policy, planId).map((x) => x.channel).filter((c) => !LIVE_KINDS.has(c.kind));
  const list = (cs: Channel[], name: (c: Channel) => string = (c) => c.name) => cs.map(name).join(' or ');
  const verb = (cs: Channel[]) => (cs.length === 1 ? 'is' : 'are');
  const open = answeredNow(policy, planId, at);
  // Lines answered now (OpenKey's phones): someone to talk to at once.
  const answered = open.lines.filter((c) => c.kind !== closedKind);
  const roundTheClock = written.filter((c) => hours(c) === '24x7');
  const parts = [
    ...(answered.length > 0 ? [`${list(answered, named)} ${verb(answered)} answered ${now}`] : []),
    ...(roundTheClock.length > 0 ? [`${list(roundTheClock)} can be used at any time`] : []),
    ...(open.written.length > 0 ? [`${list(open.written, named)} ${verb(open.written)} answered ${now}`] : []),
  ];
  const openNow = (c: Channel) => hours(c) === '24x7' || isOpen(clockOf(policy, hours(c)), at);
  const zoneOf = (c: Channel) => policy.calendars.get(hours(c))?.time_zone ?? policy.calendars.get(plan.calendar)!.time_zone;
  parts.push(...takenForLater(policy, planId, written.filter((x) => !openNow(x)), at, null, now).map((x) => withReaderTimes(x.text, [x.opens], zoneOf(x.channels[0]!), readerZone)));
  return parts.map((x) => `; ${x}`).join('');
}

/** A group of the plan's written channels closed now whose hours open at one time (takenForLater). */
export type TakenForLater = {
  channels: Channel[];
  /** When their hours open: work on a request taken now resumes then. */
  opens: number;
  /** ", unless it is one that after-hours support takes: ...; unless it is ..., whose time runs round the clock", or ''. */
  unless: string;
  /** The whole phrase: "a request by Email is taken now, and work on it resumes <opens><unless>". */
  text: string;
};

/**
 * "a request by Email is taken now, and work on it resumes Sat 5 Dec 2026 18:00 GMT, unless it is
 * severity 1 (Critical), whose time runs round the clock": the plan's written channels closed now,
 * grouped by when their hours open, with the severities after-hours support takes through them.
 * The opening in the reader's own zone when given (the portal's new-case form: web/promised.ts
 * closedNow, which says the same levels), else in the zone of the hours, as the policy states them.
 */
export function takenForLater(policy: PolicyModel, planId: string, closed: Channel[], at: number, readerZone: string | null = null, now: Moment = 'now'): TakenForLater[] {
  const plan = policy.plans.get(planId)!;
  const hours = (c: Channel) => plan.channels[c.id]!;
  const list = (cs: Channel[]) => cs.map((c) => c.name).join(' or ');
  const waiting = new Map<string, { opens: number; channels: Channel[] }>();
  for (const c of closed) {
    const zone = readerZone ?? policy.calendars.get(hours(c))?.time_zone ?? policy.calendars.get(plan.calendar)!.time_zone;
    const opens = nextOpen(clockOf(policy, hours(c)), at);
    const said = localText(opens, zone);
    waiting.set(said, { opens, channels: [...(waiting.get(said)?.channels ?? []), c] });
  }
  const parts: TakenForLater[] = [];
  for (const [said, { opens, channels: cs }] of waiting) {
    const rules = (policy.file.after_hours ?? []).filter((r) => (!r.plans || r.plans.includes(planId)) && cs.some((c) => afterHoursChannels(r).includes(c.id)));
    const severities = [...new Set(rules.flatMap((r) => r.severities))].filter((id) => severityPublished(policy, id)).map((id) => severityPhrase(policy, id));
    // Through which of them, where after-hours support takes only some (OPS-COM: "provided by email", not the online ticket).
    const taking = cs.filter((c) => rules.some((r) => afterHoursChannels(r).includes(c.id)));
    const through = taking.length < cs.length ? ` through ${list(taking)}` : '';
    const taken = severities.length > 0 ? `, unless it is one that after-hours support takes${through}: ${severities.join(', ')}` : '';
    const always = roundTheClockSeverities(policy, planId, cs[0]!.id, at).filter((x) => !severities.includes(x));
    const runs = always.length > 0 ? `${taken ? ';' : ','} unless it is ${always.join(' or ')}, whose time runs round the clock` : '';
    parts.push({ channels: cs, opens, unless: `${taken}${runs}`, text: `a request by ${list(cs)} is taken ${now}, and work on it resumes ${said}${taken}${runs}` });
  }
  return parts;
}

/** "severity 1 (Critical)": the severities with a promised time on the 24x7 clock on this plan and channel. */
function roundTheClockSeverities(policy: PolicyModel, planId: string, channelId: string, at: number): string[] {
  // Only levels the vendor names (an unpublished one has no targets anyway: validate.ts).
  return [...policy.severities.keys()]
    .filter((id) => severityPublished(policy, id))
    .filter((id) => applicableTargets(policy, { plan: planId, severity: id, openedAt: at, channel: channelId }, { explain: false })
      .targets.some((x) => x.duration !== null && x.clockId === '24x7'))
    .map((id) => severityPhrase(policy, id));
}

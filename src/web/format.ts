// How the pages word instants, spans and clock states. Presentation only: what is due when is
// decided by the SLA domain; these functions only say it.
import { DAY_LABELS, DAY_NAMES } from '../calendar/index.ts';
import type { InboundSummary } from '../email/index.ts';
import { utcMinuteText } from '../platform/index.ts';
import { localText, spanText, withReaderInstants } from '../sla/index.ts';
import { CHANNEL_LABELS, HEDGE_TEAM_WORDS, METRIC_NAMES, type PolicyModel } from '../policy/index.ts';
import { fileRisk, MAX_FILE_BYTES, MAX_FILES, MAX_TOTAL_BYTES, STATUS_NAMES } from '../tickets/index.ts';
import type { WebhookEventType } from '../webhooks/index.ts';

const MIB = 1024 * 1024;
/** What a file field says of the limits (tickets/schemas.ts). */
export const FILE_LIMITS_TEXT = `Up to ${MAX_FILES} files, ${MAX_FILE_BYTES / MIB} MiB each and ${MAX_TOTAL_BYTES / MIB} MiB together.`;

/** "2.4 MB", "312 KB", "18 bytes": a file's size in words (decimal units, as file managers show). */
export function sizeText(bytes: number): string {
  if (bytes >= 1_000_000) return `${(bytes / 1_000_000).toFixed(1)} MB`;
  if (bytes >= 1_000) return `${Math.round(bytes / 1_000)} KB`;
  return `${bytes} byte${bytes === 1 ? '' : 's'}`;
}

// The kinds of file people send a support desk most, in words (QA: the portal showed "application/pdf").
const FILE_KINDS: Record<string, string> = {
  'application/pdf': 'PDF document', 'text/plain': 'Text file', 'text/csv': 'CSV file', 'text/html': 'Web page', 'message/rfc822': 'Email message',
  'application/zip': 'ZIP archive', 'application/x-zip-compressed': 'ZIP archive', 'application/gzip': 'Compressed file', 'application/json': 'JSON file',
  'application/xml': 'XML file', 'text/xml': 'XML file', 'application/msword': 'Word document', 'application/vnd.ms-excel': 'Excel spreadsheet',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Word document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'Excel spreadsheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'PowerPoint presentation',
  'image/png': 'PNG image', 'image/jpeg': 'JPEG image', 'image/gif': 'GIF image', 'image/webp': 'WebP image', 'image/svg+xml': 'SVG image', 'image/heic': 'HEIC image',
  'video/mp4': 'MP4 video', 'video/quicktime': 'QuickTime video', 'audio/mpeg': 'MP3 audio',
};

/** A file's kind in words: "PDF document", "PNG image"; else by its type's family or its name's extension ("LOG file"), or "File". */
export function fileKindText(contentType: string, filename: string | null): string {
  const type = contentType.split(';')[0].trim().toLowerCase();
  const known = FILE_KINDS[type];
  if (known) return known;
  const family = type.split('/')[0];
  if (family === 'image' || family === 'video' || family === 'audio') return family[0].toUpperCase() + family.slice(1);
  const ext = /\.([A-Za-z0-9]{1,8})$/.exec(filename ?? '')?.[1];
  return ext ? `${ext.toUpperCase()} file` : 'File';
}

export { METRIC_NAMES, STATUS_NAMES };

// Webhook events (webhooks/events.ts), as the admin pages say them; the API's name stays beside
// it for the integrator who writes the receiver.
export const WEBHOOK_EVENT_NAMES: Record<WebhookEventType, string> = {
  'ticket.created': 'Ticket opened',
  'ticket.updated': 'Ticket changed (status, assignee, requester, copies or severity)',
  'ticket.replied': 'Public reply on a ticket',
  'ticket.files_added': 'Files added to a ticket',
  'ticket.merged': 'Ticket merged into another',
  'ticket.rated': 'Ticket rated by the customer',
  'sla.warning': 'Target close to due (its goal reached)',
  'sla.breached': 'Target missed',
  'oncall.paged': 'On-call paged',
  'ticket.escalated': 'Ticket escalated',
  'contact.erased': 'Contact\'s personal data erased',
  'ticket.erased': 'Ticket\'s words erased by retention',
  ping: 'Test delivery',
};

// What an audit entry is about (platform/audit.ts AUDIT_SUBJECT_KINDS, and the nouns of its
// types), as the audit page says it.
export const AUDIT_NOUNS: Record<string, string> = {
  organization: 'Organization', contact: 'Contact', agent: 'Agent', api_token: 'API token', policy: 'Policy', webhook: 'Webhook',
  article: 'Article', oncall: 'On-call', oncall_rotation: 'On-call rotation', oncall_override: 'On-call override', training_grant: 'Training grant',
  training_session: 'Training session', status_incident: 'Status incident', status_component: 'Status component',
  status_subscriber: 'Status subscriber', status_notice: 'Status notice', status_maintenance: 'Maintenance', canned_response: 'Canned response',
  saved_view: 'Saved view', ticket: 'Ticket', sla: 'SLA', side_conversation: 'Side conversation', email: 'Email', blocked_sender: 'Blocked sender',
};

/** An audit entry's type in words: contact.deactivated -> "Contact deactivated", api_token.created -> "API token created". */
export function auditChangeText(type: string): string {
  const dot = type.indexOf('.');
  const noun = dot < 0 ? type : type.slice(0, dot);
  const verb = dot < 0 ? '' : type.slice(dot + 1).replace(/_/g, ' ');
  const named = AUDIT_NOUNS[noun] ?? noun.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());
  return verb ? `${named} ${verb}` : named;
}

// Agents' roles, as the pages say them.
export const ROLE_NAMES: Record<string, string> = { front_line: 'Front line', escalation: 'Escalation', manager: 'Manager', admin: 'Admin' };


// What became of a message that came in by mail (email/schemas.ts INBOUND_STATUSES), as the admin pages say it.
export const INBOUND_STATUS_NAMES: Record<InboundSummary['status'], string> = {
  received: 'Waiting to be processed',
  processing: 'Being processed',
  created: 'Opened a ticket',
  appended: 'Added to a ticket',
  held: 'Held for review',
  ignored: 'Ignored (automatic or our own mail)',
  bounce: 'Bounce of mail we sent',
  refused: 'Refused: too large',
  quarantined: 'Quarantined: processing failed',
  dismissed: 'Dismissed',
};

/** "Monday", from a day's code ("mon": calendar/civil.ts DAY_NAMES, the on-call hand-over days). */
export function weekdayText(code: string): string {
  return DAY_LABELS[DAY_NAMES.indexOf(code as (typeof DAY_NAMES)[number])] ?? code;
}

/** "Monday 30 November 2026", from an ISO date ("2026-11-30"). */
export function dayText(isoDay: string): string {
  const d = Temporal.PlainDate.from(isoDay);
  return `${DAY_LABELS[d.dayOfWeek - 1]} ${d.toLocaleString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' })}`;
}

/**
 * "2026-12-02 10:00 UTC": one unambiguous form everywhere; or, for a reader who chose a time zone
 * (customers/profile.ts), the time in it with the zone named (sla/format.ts localText: "Wed 2 Dec 2026 16:00 CET";
 * an American zone as Americans write it, "Wed Dec 2 2026 10:00 AM EST").
 */
export function when(instant: Temporal.Instant | string | null | undefined, zone: string | null = null): string {
  if (!instant) return '';
  const t = typeof instant === 'string' ? Temporal.Instant.from(instant) : instant;
  if (zone) return localText(t.epochMilliseconds, zone);
  return utcMinuteText(t);
}

/**
 * An instant in a zone (the support hours' zone of a ticket's plan), in localText's words: "Wed 2 Dec
 * 2026 15:00 GMT" (OpenBack's London), "Wed Dec 2 2026 09:00 AM CST" (OpenKey's Chicago).
 */
export function localWhen(instant: Temporal.Instant | string | null | undefined, zone: string | null | undefined): string {
  if (!instant || !zone) return '';
  return localText((typeof instant === 'string' ? Temporal.Instant.from(instant) : instant).epochMilliseconds, zone);
}

/** The time zone of a plan's support hours, which its customers' deadlines are worded in; null for a plan the policy no longer has. */
export function planZone(policy: PolicyModel, planId: string): string | null {
  const plan = policy.plans.get(planId);
  return plan ? policy.calendars.get(plan.calendar)?.time_zone ?? null : null;
}

/** "in 2 h 5 min" or "5 min overdue", from now to `due`. */
export function untilText(due: Temporal.Instant | null, now: Temporal.Instant): string {
  if (!due) return '';
  const ms = due.epochMilliseconds - now.epochMilliseconds;
  const span = spanText(Math.abs(Math.floor(ms / 60_000)) * 60_000);
  return ms >= 0 ? `in ${span}` : `${span} overdue`;
}

/**
 * The words of a time the policy gives approximately (OpenKey: "approximately 30 minutes") or calls a
 * goal (OfficeSpace: "Response Goal"), as every page of the desk says them (policy/hedges.ts): its
 * label beside a countdown, how it is aimed for beside the time, and what the team reads of it.
 */
export const HEDGE_WORDS = {
  approximate: { label: 'Around', aimed: 'around', team: HEDGE_TEAM_WORDS.approximate },
  goal: { label: 'Goal', aimed: 'aimed for', team: HEDGE_TEAM_WORDS.goal },
} as const;

/** The countdown to a time only aimed for: one passed is "ago", never overdue. */
export function untilAimedText(due: Temporal.Instant | null, now: Temporal.Instant): string {
  return untilText(due, now).replace(/ overdue$/, ' ago');
}

/** How long ago, to the minute ("3 h 5 min ago"; "0 min ago" within the minute). */
export function agoText(at: Temporal.Instant, now: Temporal.Instant): string {
  return `${spanText(Math.max(0, Math.floor((now.epochMilliseconds - at.epochMilliseconds) / 60_000)) * 60_000)} ago`;
}

export function iso(instant: Temporal.Instant | null | undefined): string {
  return instant ? instant.toString() : '';
}

/** How a ticket's severity was first decided (tickets' classification source), as the ticket page says it after the severity. */
export function classifiedByText(source: string): string {
  return ({ contact: 'chosen by the customer', agent: 'set by the support team', rules: "decided by the policy's rules", default: "the policy's default" } as Record<string, string>)[source] ?? source;
}

/** What a clock's state means, in words (not colour alone); every state sla/clocks.ts gives (stopped: solved or closed before it was met). */
export function clockStateText(state: string): string {
  return ({ running: 'Running', paused: 'Paused', met: 'Met', stopped: 'Stopped', breached: 'Breached', passed: 'Passed', pending: 'Not started' } as Record<string, string>)[state] ?? state;
}

/**
 * The helpers every view gets as `it.f`; `viewerZone` is the reader's own time zone, which every
 * `when` is shown in (sendPage sets it from the session: pages need not pass it).
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const STATUS_KEYS = new Set(['from', 'to', 'status']);

/** One value of a timeline entry's data as a reader says it (null: nothing a reader needs: an id). */
function factText(key: string, v: unknown, show: (instant: string) => string): string | null {
  if (v === null || v === undefined || v === '') return null;
  if (typeof v === 'string') {
    if (UUID.test(v)) return null;
    if (INSTANT.test(v)) return show(v);
    if (key === 'metric') return METRIC_NAMES[v] ?? v;
    // An entry not worded with its policy (web/timeline.ts names the opening entry's channel by it).
    if (key === 'channel') return CHANNEL_LABELS[v] ?? v;
    if (key === 'role') return ROLE_NAMES[v] ?? v;
    return STATUS_KEYS.has(key) ? STATUS_NAMES[v] ?? v : v;
  }
  if (Array.isArray(v)) {
    const parts = v.map((x) => factText(key, x, show)).filter((x): x is string => x !== null);
    return parts.length ? parts.join(', ') : null;
  }
  if (typeof v === 'object') {
    const parts = Object.entries(v as Record<string, unknown>)
      .filter(([k]) => !k.endsWith('_id') && k !== 'id')
      .map(([k, x]) => { const t = factText(k, x, show); return t === null ? null : `${k.replace(/_/g, ' ')} ${t}`; })
      .filter((x): x is string => x !== null);
    return parts.length ? parts.join('; ') : null;
  }
  return String(v);
}

/**
 * A timeline entry's data as label and text, for the pages: times in the reader's zone, statuses
 * by name, no ids (the ticket links and the files are shown on their own), nested facts in words
 * rather than JSON.
 */
export function eventFacts(data: Record<string, unknown> | null | undefined, show: (instant: string) => string): Array<{ label: string; text: string }> {
  return Object.entries(data ?? {})
    .filter(([k]) => k !== 'files' && k !== 'notified' && !k.endsWith('_id') && k !== 'id')
    .map(([k, v]) => ({ label: k.replace(/_/g, ' '), text: factText(k, v, show) }))
    .filter((x): x is { label: string; text: string } => x.text !== null);
}

/** Minutes of time spent as people say them: "45 min", "2 h", "1 h 25 min". */
export function minutesText(total: number): string {
  const h = Math.floor(total / 60);
  const m = total % 60;
  return h === 0 ? `${m} min` : m === 0 ? `${h} h` : `${h} h ${m} min`;
}

export function formatters(now: Temporal.Instant, viewerZone: string | null = null) {
  return {
    /** The server's "now" the page was rendered at: countdowns run from it, not from the browser's clock. */
    now: now.toString(),
    viewerZone,
    when: (instant: Temporal.Instant | string | null | undefined) => when(instant, viewerZone),
    local: localWhen,
    iso,
    until: (due: Temporal.Instant | null) => untilText(due, now),
    untilAimed: (due: Temporal.Instant | null) => untilAimedText(due, now),
    hedge: HEDGE_WORDS,
    ago: (at: Temporal.Instant) => agoText(at, now),
    metric: (m: string) => METRIC_NAMES[m] ?? m,
    status: (s: string) => STATUS_NAMES[s] ?? s,
    role: (r: string) => ROLE_NAMES[r] ?? r,
    inbound: (s: string) => INBOUND_STATUS_NAMES[s as InboundSummary['status']] ?? s,
    weekday: weekdayText,
    day: dayText,
    clockState: clockStateText,
    /** An explanation's line as a customer reads it: the reader's time beside each instant, not UTC (sla/format.ts). */
    forReader: (line: string) => withReaderInstants(line, viewerZone),
    classifiedBy: classifiedByText,
    size: sizeText,
    fileKind: fileKindText,
    // Why a file may run code when opened (tickets/file-risk.ts): beside a timeline entry's files.
    fileRisk,
    minutes: minutesText,
    facts: (data: Record<string, unknown> | null | undefined) => eventFacts(data, (instant) => when(instant, viewerZone)),
    fileLimits: FILE_LIMITS_TEXT,
    overdue: (due: Temporal.Instant | null) => due !== null && Temporal.Instant.compare(due, now) < 0,
  };
}

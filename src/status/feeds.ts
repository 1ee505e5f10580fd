// The page's feeds, pure: an Atom feed (RFC 4287) of incidents and maintenance, last changed first,
// and an iCalendar (RFC 5545) feed of maintenance windows. Written by hand: both formats are a
// few lines of escaping, and the tests parse them with real parsers. The machine fields (Atom
// <published>/<updated>, iCalendar DTSTART/DTEND) are UTC instants; the text a person reads (Atom
// <content>, DESCRIPTION) gives times as the page does, in its zone with the zone's name.
import { scheduledLine, statusLabel } from './notify.ts';
import { pageTime, type StatusPageConfig } from './page-config.ts';
import type { PublicState } from './public-state.ts';
import type { Entry } from './schemas.ts';

export type FeedSettings = { baseUrl: string };

function xml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

const base = (s: FeedSettings) => s.baseUrl.replace(/\/+$/, '');

function entryText(page: StatusPageConfig, e: Entry): string {
  const at = (i: Temporal.Instant) => pageTime(page, i);
  const lines = [...e.updates].reverse().map((u) => `${at(u.createdAt)} — ${statusLabel(u.status)}: ${u.body}`);
  if (e.kind === 'maintenance') lines.unshift(scheduledLine(page, e.scheduledFor!, e.scheduledUntil!));
  if (e.postmortemBody) lines.push('', `Postmortem: ${e.postmortemBody}`);
  return lines.join('\n');
}

// A page's own term is a heading for them all (OfficeSpace: "Scheduled Outages", plural), not a
// name for one: an entry of such a page is titled by its own name and status, inventing no
// singular the vendor never wrote. Without a term, the kind leads as before.
function entryTitle(page: StatusPageConfig, e: Entry): string {
  if (e.kind === 'maintenance' && page.maintenanceTerm) return `${e.name} (${statusLabel(e.status)})`;
  return `${e.kind === 'maintenance' ? 'Maintenance' : e.hotfix ? 'Hotfix' : 'Incident'} (${statusLabel(e.status)}): ${e.name}`;
}

export function atomFeed(state: PublicState, s: FeedSettings): string {
  // Chosen by last change, not by creation: a postmortem on an older incident is news to a reader.
  const entries = state.feed;
  const root = `${base(s)}/status`;
  const out = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">',
    `  <id>${xml(root)}</id>`,
    `  <title>${xml(state.page.title)}</title>`,
    `  <updated>${state.updatedAt.toString()}</updated>`,
    `  <author><name>${xml(state.page.vendor)}</name></author>`,
    `  <link rel="self" type="application/atom+xml" href="${xml(`${root}/feed.atom`)}"/>`,
    `  <link rel="alternate" type="text/html" href="${xml(root)}"/>`,
  ];
  for (const e of entries) {
    const title = entryTitle(state.page, e);
    out.push(
      '  <entry>',
      `    <id>urn:uuid:${e.id}</id>`,
      `    <title>${xml(title)}</title>`,
      `    <published>${e.createdAt.toString()}</published>`,
      `    <updated>${e.updatedAt.toString()}</updated>`,
      `    <link rel="alternate" type="text/html" href="${xml(`${root}/incidents/${e.id}`)}"/>`,
      `    <content type="text">${xml(entryText(state.page, e))}</content>`,
      '  </entry>',
    );
  }
  out.push('</feed>', '');
  return out.join('\n');
}

function icsText(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

function icsTime(i: Temporal.Instant): string {
  return i.toString({ smallestUnit: 'second' }).replace(/[-:]/g, '');
}

/** Folds a content line at 75 octets (RFC 5545 3.1), never inside a UTF-8 sequence. */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const n = Buffer.byteLength(ch);
    if (octets + n > (parts.length === 0 ? 75 : 74)) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += ch;
    octets += n;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

export function maintenanceCalendar(state: PublicState, s: FeedSettings): string {
  const host = new URL(base(s)).host;
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', `PRODID:-//Accord//${icsText(state.page.title)}//EN`, 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH',
    // Named by what the page announces, in the vendor's word where it has one ("Scheduled Outages").
    `X-WR-CALNAME:${icsText(`${state.page.title}: ${state.page.maintenanceTerm ?? 'maintenance'}`)}`];
  const all = new Map([...state.maintenances, ...state.upcoming, ...state.active].map((m) => [m.id, m]));
  for (const m of [...all.values()].sort((a, b) => Temporal.Instant.compare(a.scheduledFor!, b.scheduledFor!))) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${m.id}@${host}`,
      `DTSTAMP:${icsTime(m.updatedAt)}`,
      `DTSTART:${icsTime(m.scheduledFor!)}`,
      `DTEND:${icsTime(m.scheduledUntil!)}`,
      // Each reschedule is a new version of the event for calendars that already hold it.
      `SEQUENCE:${m.updates.filter((u) => u.status === 'scheduled').length - 1}`,
      // The page's term is a plural heading (see entryTitle): an event is named by its name alone.
      `SUMMARY:${icsText(state.page.maintenanceTerm ? m.name : `Maintenance: ${m.name}`)}`,
      `DESCRIPTION:${icsText(entryText(state.page, m))}`,
      `URL:${base(s)}/status/incidents/${m.id}`,
      'STATUS:CONFIRMED',
      `LAST-MODIFIED:${icsTime(m.updatedAt)}`,
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join('\r\n') + '\r\n';
}

// Server-rendered pages of the status page (Eta templates beside this file, auto-escaped):
// usable without JavaScript; times are written in the vendor's zone (page-config.ts `zone`) inside
// <time datetime> and rewritten in the viewer's zone by the one small self-hosted script
// (assets/local-time.js).
import { readFileSync } from 'node:fs';
import { Eta } from 'eta';
import { componentStatusLabel, statusLabel } from '../notify.ts';
import type { PublicState } from '../public-state.ts';
import { ENTRY_LINK_TEXT } from '../fan-out-mail.ts';
import { choosesComponents, pageTime, type StatusPageConfig } from '../page-config.ts';
import { localSpanEnds } from '../../sla/index.ts';
import type { Entry, Subscription } from '../schemas.ts';

export { manageLinkText } from '../page-config.ts';

const eta = new Eta({ views: new URL('./templates/', import.meta.url).pathname, autoEscape: true, cache: true, autoTrim: false });

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * A <time> element: the time in the page's zone, named as that zone's time is named then ("Sat 5 Dec
 * 2026 08:00 GMT-6", "Wed Dec 2 2026 05:00 AM EST", EDT in summer), ISO datetime for the script.
 */
export function timeHtml(i: Temporal.Instant | null, page: StatusPageConfig): string {
  return i ? timeElement(i, pageTime(page, i)) : '';
}

const timeElement = (i: Temporal.Instant, text: string) => `<time datetime="${escapeHtml(i.toString())}">${escapeHtml(text)}</time>`;

/**
 * A maintenance's window as its notices say it (notify.ts scheduledLine), the date and the zone once
 * where they can be, each end its own <time>: "Sat 12 Dec 2026, 08:00" to "10:00 GMT-6". The script
 * rewrites the pair, as one window, in the viewer's zone (assets/local-time.js, `.window`).
 */
export function windowHtml(from: Temporal.Instant | null, until: Temporal.Instant | null, page: StatusPageConfig): string {
  if (!from || !until) return `${timeHtml(from, page)} to ${timeHtml(until, page)}`;
  const { start, end } = localSpanEnds(from.epochMilliseconds, until.epochMilliseconds, page.zone.timeZone);
  return `<span class="window">${timeElement(from, start)} to ${timeElement(until, end)}</span>`;
}

function layoutData(page: StatusPageConfig, title: string) {
  return {
    title, pageTitle: page.title, hasMaintenance: page.publishes.maintenance, zoneText: page.zone.text,
    calendarName: page.maintenanceTerm ? `${page.maintenanceTerm} calendar` : 'Maintenance calendar',
    fmt: (i: Temporal.Instant | null) => timeHtml(i, page),
  };
}

function entryLine(e: Entry) {
  return { id: e.id, name: e.name, status: e.status, label: e.hotfix ? `Hotfix, ${statusLabel(e.status)}` : statusLabel(e.status), at: e.scheduledFor ?? e.createdAt };
}

const pct = (x: number) => `${(Math.floor(x * 10_000) / 100).toFixed(2)}%`;

export function renderIndex(state: PublicState): string {
  const groupName = new Map(state.groups.map((g) => [g.id, g.name]));
  const components = state.components.map((c) => {
    const bad = c.uptime.days.filter((d) => d.worst !== 'operational');
    return {
      id: c.id,
      name: c.name,
      group: c.groupId ? groupName.get(c.groupId) : null,
      status: c.status,
      statusText: componentStatusLabel(c.status),
      uptimeText: pct(c.uptime.uptime),
      badDays: bad.length ? `${bad.length} day${bad.length === 1 ? '' : 's'} with issues or maintenance` : '',
      days: c.uptime.days.map((d) => ({
        worst: d.worst,
        title: `${d.date}: ${pct(d.uptime)}${Object.entries(d.minutes).map(([s, m]) => `, ${m} min ${componentStatusLabel(s).toLowerCase()}`).join('')}`,
      })),
    };
  });
  const recent = [...state.incidents, ...state.maintenances.filter((m) => m.status === 'completed')]
    .sort((a, b) => Temporal.Instant.compare(b.createdAt, a.createdAt))
    .slice(0, 10)
    .map(entryLine);
  const card = (e: Entry) => ({ ...e, statusText: statusLabel(e.status), windowHtml: windowHtml(e.scheduledFor, e.scheduledUntil, state.page) });
  return eta.render('./index', {
    ...layoutData(state.page, state.page.title),
    status: state.status,
    // A page that publishes no incidents (maintenance only) states no overall indicator while
    // nothing is under maintenance: it would claim what the vendor never reports there.
    indicatorShown: state.page.publishes.incidents || state.status.indicator !== 'none',
    // Its section is headed in the vendor's own word for it (OfficeSpace: "Scheduled Outages").
    maintenanceTerm: state.page.maintenanceTerm ?? 'Scheduled maintenance',
    // In a sentence the vendor's term keeps its own capitals (the seed's "Scheduled Outages" is a name).
    termInSentence: state.page.maintenanceTerm ?? 'scheduled maintenance',
    activeHeading: state.page.maintenanceTerm ? `${state.page.maintenanceTerm}: in progress` : 'Maintenance in progress',
    unresolved: state.unresolved.map(card),
    active: state.active.map(card),
    upcoming: state.upcoming.map(card),
    maintenanceSection: maintenanceSection(state, card),
    components,
    days: state.components[0]?.uptime.days.length ?? 90,
    recent,
    lists: state.page.lists,
  });
}

/** How many past windows the maintenance section lists; the rest are in the history, by month. */
const PAST_MAINTENANCE = 5;

/**
 * The vendor's own maintenance section (OpenMethods: "the maintenance window will be documented in
 * the MAINTENANCE section of the OpenMethods status page", which gives "an at-a-glance overview of
 * planned and past maintenance"): one section under the vendor's heading, always there, with the
 * windows in progress, the planned ones and the latest completed ones. Null: the page has none of
 * its own, and shows maintenance under Accord's headings (in progress, upcoming) as before.
 */
function maintenanceSection(state: PublicState, card: (e: Entry) => Entry & { statusText: string; windowHtml: string }) {
  const heading = state.page.maintenanceSection;
  if (heading === null) return null;
  const past = state.maintenances.filter((m) => m.status === 'completed').slice(0, PAST_MAINTENANCE);
  return { heading, active: state.active.map(card), planned: state.upcoming.map(card), past: past.map(card) };
}

export function renderIncident(state: PublicState, e: Entry): string {
  const names = new Map(state.page.components.map((c) => [c.id, c.name]));
  return eta.render('./incident', {
    ...layoutData(state.page, `${e.name} · ${state.page.title}`),
    e,
    windowHtml: windowHtml(e.scheduledFor, e.scheduledUntil, state.page),
    statusText: e.hotfix ? `Hotfix, ${statusLabel(e.status)}` : statusLabel(e.status),
    components: e.componentIds.map((id) => names.get(id) ?? id),
    updates: [...e.updates].reverse().map((u) => ({
      ...u,
      statusText: statusLabel(u.status),
      changes: u.affectedComponents.filter((a) => a.oldStatus !== a.newStatus).map((a) => `${a.name}: ${componentStatusLabel(a.newStatus).toLowerCase()}`),
    })),
  });
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export function renderHistory(page: StatusPageConfig, month: Temporal.PlainYearMonth, current: Temporal.PlainYearMonth, entries: Entry[]): string {
  const monthName = `${MONTHS[month.month - 1]} ${month.year}`;
  return eta.render('./history', {
    ...layoutData(page, `History, ${monthName} · ${page.title}`),
    monthName,
    previous: month.subtract({ months: 1 }).toString(),
    next: Temporal.PlainYearMonth.compare(month, current) < 0 ? month.add({ months: 1 }).toString() : null,
    entries: entries.map(entryLine),
    nothing: `No ${nothingOf(page)} this month.`,
  });
}

/** What an empty month had none of: only what the page publishes, in its own words. */
function nothingOf(page: StatusPageConfig): string {
  const kinds = [page.publishes.incidents ? 'incidents' : null, page.publishes.maintenance ? (page.maintenanceTerm ?? 'maintenance') : null].filter((k) => k !== null);
  return kinds.length ? kinds.join(' or ') : 'entries';
}

/** A link on a message page: where it goes and its words. */
export type PageLink = { href: string; text: string };

/**
 * A form on a message page: its button alone, or a subscribe form come back refused, with the address
 * typed (`email`) and the components as ticked (`components`), so nothing typed is lost.
 */
export type MessageForm = { action: string; button: string; email?: string; components?: Array<{ id: string; name: string; checked: boolean }> };

export function renderMessage(page: StatusPageConfig, heading: string, paragraphs: string[], extra: { form?: MessageForm; links?: PageLink[] } = {}): string {
  return eta.render('./message', { ...layoutData(page, `${heading} · ${page.title}`), heading, paragraphs, form: extra.form ?? null, links: extra.links ?? [] });
}

/** Where a subscriber subscribes again: the forms on the status page. */
export const SUBSCRIBE_AGAIN: PageLink = { href: '/status#subscribe', text: 'Subscribe again on the status page' };

/** The words of a saved choice of components. */
function savedText(page: StatusPageConfig, sub: Subscription): string {
  const chosen = new Set(sub.componentIds ?? []);
  const names = page.components.filter((c) => chosen.has(c.id)).map((c) => c.name);
  if (!names.length) return 'Saved: you will get notices about every component.';
  const list = names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
  return `Saved: you will get notices about ${list} only.`;
}

export function renderManage(page: StatusPageConfig, sub: Subscription, token: string, saved = false): string {
  const chosen = new Set(sub.componentIds ?? []);
  const unsubscribed = sub.unsubscribedAt !== null;
  return eta.render('./manage', {
    ...layoutData(page, `Your subscription · ${page.title}`),
    email: sub.email,
    token,
    unsubscribed,
    subscribeAgain: SUBSCRIBE_AGAIN,
    notice: saved ? savedText(page, sub) : null,
    state: unsubscribed ? 'unsubscribed' : sub.confirmedAt ? 'subscribed' : 'waiting for confirmation',
    components: choosesComponents(page, sub.list) && !unsubscribed ? page.components.map((c) => ({ id: c.id, name: c.name, checked: chosen.has(c.id) })) : [],
  });
}

/**
 * A notice's HTML part; `unsubscribeUrl` absent: the manage link is the only one (a customer's notice: its page stops them);
 * `entryUrl`: its incident's or maintenance's page on the status page, linked after its words.
 */
export function renderEmail(data: { subject: string; body: string; manageUrl: string; manageText: string; unsubscribeUrl?: string; entryUrl?: string | null }): string {
  return eta.render('./email', { unsubscribeUrl: null, entryUrl: null, entryText: ENTRY_LINK_TEXT, ...data });
}

const assets = new Map<string, { type: string; body: string }>([
  ['status.css', { type: 'text/css; charset=utf-8', body: readFileSync(new URL('./assets/status.css', import.meta.url), 'utf8') }],
  ['local-time.js', { type: 'text/javascript; charset=utf-8', body: readFileSync(new URL('./assets/local-time.js', import.meta.url), 'utf8') }],
]);

export function statusAsset(name: string): { type: string; body: string } | undefined {
  return assets.get(name);
}

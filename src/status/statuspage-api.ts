// The Statuspage v2 public API, field for field (Atlassian's names and shapes, so existing widgets,
// exporters and clients read Accord unchanged). Pure: the public state in, JSON values out.
import { createHash } from 'node:crypto';
import type { PublicState } from './public-state.ts';
import type { Entry, EntryUpdate } from './schemas.ts';

export type ApiSettings = { baseUrl: string };

const iso = (i: Temporal.Instant | null) => (i ? i.toString() : null);

/**
 * Statuspage's `time_zone`, an IANA id ("Etc/UTC", "America/New_York"): the zone the page's times
 * are shown in (page-config.ts). A fixed offset the vendor states (OfficeSpace: "Central Standard
 * Time (GMT-6)", time_zone "-06:00", kept all year) is IANA's Etc/GMT+6, the same offset all year
 * (POSIX's inverted sign: six hours behind UTC); America/Chicago would move it an hour each summer
 * and Etc/UTC would be another zone. An offset with no Etc/ zone (part of an hour, or past 12 hours
 * behind) is given as the offset ("+05:30"), true though not an IANA name, rather than a named zone it is not.
 * @example
 * statuspageTimeZone('-06:00') // 'Etc/GMT+6'
 */
export function statuspageTimeZone(timeZone: string): string {
  const zoneId = (z: string) => Temporal.Instant.fromEpochMilliseconds(0).toZonedDateTimeISO(z).timeZoneId;
  const id = zoneId(timeZone);
  const offset = /^([+-])(\d{2}):00$/.exec(id);
  if (id === 'UTC' || (offset && offset[2] === '00')) return 'Etc/UTC';
  if (!offset) return id;
  const etc = `Etc/GMT${offset[1] === '-' ? '+' : '-'}${Number(offset[2])}`;
  try {
    return zoneId(etc);
  } catch {
    return id;
  }
}

/** A stable page id: Statuspage's are opaque strings; ours is derived from the vendor's name. */
export function pageId(state: PublicState): string {
  return createHash('sha256').update(state.page.vendor).digest('hex').slice(0, 12);
}

export function pageJson(state: PublicState, s: ApiSettings) {
  return {
    id: pageId(state),
    name: state.page.title,
    url: state.page.url ?? `${s.baseUrl.replace(/\/+$/, '')}/status`,
    time_zone: statuspageTimeZone(state.page.zone.timeZone),
    updated_at: state.updatedAt.toString(),
  };
}

export function componentsJson(state: PublicState) {
  const page_id = pageId(state);
  const created = state.pageCreatedAt.toString();
  const members = state.components.map((c) => ({
    id: c.id,
    name: c.name,
    status: c.status,
    created_at: created,
    updated_at: c.updatedAt.toString(),
    position: c.position + 1,
    description: c.description,
    showcase: true,
    start_date: null as string | null,
    group_id: c.groupId,
    page_id,
    group: false,
    only_show_if_degraded: false,
  }));
  const groups = state.groups.map((g) => ({
    id: g.id,
    name: g.name,
    status: g.status,
    created_at: created,
    updated_at: g.updatedAt.toString(),
    position: g.position + 1,
    description: null as string | null,
    showcase: false,
    start_date: null as string | null,
    group_id: null as string | null,
    page_id,
    group: true,
    only_show_if_degraded: false,
    components: g.componentIds,
  }));
  return [...members, ...groups].sort((a, b) => a.position - b.position || Number(a.group) - Number(b.group));
}

function updateJson(u: EntryUpdate) {
  return {
    id: u.id,
    status: u.status,
    body: u.body,
    incident_id: u.incidentId,
    created_at: u.createdAt.toString(),
    updated_at: u.createdAt.toString(),
    display_at: u.createdAt.toString(),
    affected_components: u.affectedComponents.length
      ? u.affectedComponents.map((a) => ({ code: a.code, name: a.name, old_status: a.oldStatus, new_status: a.newStatus }))
      : null,
    deliver_notifications: u.notify,
    custom_tweet: null,
    tweet_id: null,
  };
}

export function incidentJson(state: PublicState, e: Entry, s: ApiSettings) {
  const components = componentsJson(state).filter((c) => !c.group && e.componentIds.includes(c.id));
  const base = {
    id: e.id,
    name: e.name,
    status: e.status,
    created_at: e.createdAt.toString(),
    updated_at: e.updatedAt.toString(),
    monitoring_at: iso(e.monitoringAt),
    resolved_at: iso(e.resolvedAt),
    impact: e.impact,
    shortlink: `${s.baseUrl.replace(/\/+$/, '')}/status/incidents/${e.id}`,
    started_at: iso(e.startedAt) ?? e.createdAt.toString(),
    page_id: pageId(state),
    // Newest first, as Statuspage lists them.
    incident_updates: [...e.updates].reverse().map(updateJson),
    components,
    postmortem_body: e.postmortemBody,
    postmortem_published_at: iso(e.postmortemPublishedAt),
  };
  if (e.kind !== 'maintenance') return base;
  return { ...base, started_at: iso(e.startedAt) ?? iso(e.scheduledFor), scheduled_for: iso(e.scheduledFor), scheduled_until: iso(e.scheduledUntil) };
}

export function statusJson(state: PublicState) {
  return { indicator: state.status.indicator, description: state.status.description };
}

/** The body of each /api/v2 endpoint, by its path after /api/v2/. */
export function v2Body(state: PublicState, path: string, s: ApiSettings): Record<string, unknown> {
  const page = pageJson(state, s);
  const list = (entries: Entry[]) => entries.map((e) => incidentJson(state, e, s));
  switch (path) {
    case 'summary.json':
      return {
        page,
        components: componentsJson(state),
        incidents: list(state.unresolved),
        scheduled_maintenances: list([...state.active, ...state.upcoming]),
        status: statusJson(state),
      };
    case 'status.json':
      return { page, status: statusJson(state) };
    case 'components.json':
      return { page, components: componentsJson(state) };
    case 'incidents.json':
      return { page, incidents: list(state.incidents) };
    case 'incidents/unresolved.json':
      return { page, incidents: list(state.unresolved) };
    case 'scheduled-maintenances.json':
      return { page, scheduled_maintenances: list(state.maintenances) };
    case 'scheduled-maintenances/upcoming.json':
      return { page, scheduled_maintenances: list(state.upcoming) };
    case 'scheduled-maintenances/active.json':
      return { page, scheduled_maintenances: list(state.active) };
    default:
      throw new Error(`unknown /api/v2 path ${path}`);
  }
}

export const V2_PATHS = [
  'summary.json',
  'status.json',
  'components.json',
  'incidents.json',
  'incidents/unresolved.json',
  'scheduled-maintenances.json',
  'scheduled-maintenances/upcoming.json',
  'scheduled-maintenances/active.json',
] as const;

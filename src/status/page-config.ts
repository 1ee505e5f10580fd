// The status page as the active policy describes it: whether there is one, its title, its
// components and groups, what it publishes and which notices the vendor promised. A policy
// without an enabled `status_page` (OpenKey) has no page: every status route answers 404.
import { activePolicy } from '../policy-versions/index.ts';
import { InvalidInputError, NotFoundError, type Db } from '../platform/index.ts';
import { zoneText, type PolicyModel } from '../policy/index.ts';
import { localSpanText, localText } from '../sla/index.ts';
import type { NotifyEvent } from './schemas.ts';

export type PageComponent = { id: string; name: string; description: string | null; groupId: string | null; position: number };
export type PageGroup = { id: string; name: string; componentIds: string[]; position: number };
export type NoticeList = { id: string; name: string; description: string };

export type StatusPageConfig = {
  title: string;
  vendor: string;
  url: string | null;
  components: PageComponent[];
  groups: PageGroup[];
  publishes: { incidents: boolean; maintenance: boolean };
  promised: ReadonlySet<NotifyEvent>;
  usualWindow: string | null;
  /** The days of the week that window names (1 Monday ... 7 Sunday, in the page's zone), or null: none given. */
  usualDays: ReadonlySet<number> | null;
  /** The vendor's own name for what the page announces ("Scheduled Outages"), or null: "Scheduled maintenance". */
  maintenanceTerm: string | null;
  /** The heading of the vendor's own maintenance section (OpenMethods: "MAINTENANCE"): in progress, planned and past in one section; null: no such section. */
  maintenanceSection: string | null;
  /** The vendor notifies its customers of scheduled maintenance by email: its customers' contacts are mailed the notice too. */
  emailsCustomers: boolean;
  /** The policy's opt-in notification lists (OpenMethods: subprocessor changes). */
  lists: NoticeList[];
  /** The zone the page's times are shown in, and its name as the vendor gives it ("GMT-6", "EST (America/New_York)"). */
  zone: { timeZone: string; text: string };
};

/** An instant as the page's readers read it: in its zone, named as that zone's time is then ("Sat 5 Dec 2026 08:00 GMT-6"). */
export function pageTime(page: StatusPageConfig, at: Temporal.Instant): string {
  return localText(at.epochMilliseconds, page.zone.timeZone);
}

/** A window as the page's readers read it, the date and the zone said once where they can be ("Sat 12 Dec 2026, 08:00 to 10:00 GMT-6"). */
export function pageSpan(page: StatusPageConfig, from: Temporal.Instant, until: Temporal.Instant): string {
  return localSpanText(from.epochMilliseconds, until.epochMilliseconds, page.zone.timeZone);
}

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/** A stable id for a group name, used as Statuspage's group component id. */
export function groupIdOf(name: string): string {
  return `group-${name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')}`;
}

/** Pure: the page described by a policy, or null when it has none. */
export function statusPageOf(policy: PolicyModel): StatusPageConfig | null {
  const f = policy.file;
  const page = f.status_page;
  if (!page?.enabled) return null;
  const groups = new Map<string, PageGroup>();
  const components: PageComponent[] = (page.components ?? []).map((c, position) => {
    let groupId: string | null = null;
    if (c.group) {
      groupId = groupIdOf(c.group);
      const g = groups.get(groupId) ?? { id: groupId, name: c.group, componentIds: [], position };
      g.componentIds.push(c.id);
      groups.set(groupId, g);
    }
    return { id: c.id, name: c.name, description: c.description ?? null, groupId, position };
  });
  const publishes = page.publishes ?? ['incidents', 'maintenance'];
  // No seed states a zone for its status page: its times are shown in the zone the vendor states
  // for its support (the first plan's hours: OfficeSpace "Central Standard Time (GMT-6)",
  // OpenMethods "U.S. Eastern Standard Time"), which its customers read its times in, not in UTC.
  const cal = policy.calendars.get(f.plans[0].calendar);
  return {
    title: page.title ?? `${f.vendor.name} status`,
    vendor: f.vendor.name,
    url: page.url ?? null,
    components,
    groups: [...groups.values()],
    publishes: { incidents: publishes.includes('incidents'), maintenance: publishes.includes('maintenance') },
    promised: new Set(page.notify ?? []),
    usualWindow: page.maintenance?.usual_window ?? null,
    usualDays: page.maintenance?.usual_days ? new Set(page.maintenance.usual_days.map((d) => WEEKDAYS.indexOf(d) + 1)) : null,
    maintenanceTerm: page.maintenance?.term ?? null,
    maintenanceSection: publishes.includes('maintenance') ? (page.maintenance?.section ?? null) : null,
    emailsCustomers: page.maintenance?.email_customers === true && publishes.includes('maintenance'),
    lists: (f.notification_lists ?? []).filter((l) => l.opt_in).map((l) => ({ id: l.id, name: l.name, description: l.description })),
    zone: cal ? { timeZone: cal.time_zone, text: footerZone(cal) } : { timeZone: 'UTC', text: 'UTC' },
  };
}

/** The active policy's page; NotFoundError when the policy has none. */
export async function requireStatusPage(db: Db): Promise<StatusPageConfig> {
  const page = statusPageOf((await activePolicy(db)).model);
  if (!page) throw new NotFoundError('This support policy has no status page');
  return page;
}

/**
 * The list a subscription is for: 'status' (the page; needs one) or an opt-in notification list
 * of the policy (OpenMethods: subprocessor changes), which needs no status page.
 */
export async function requireList(db: Db, list: string): Promise<{ page: StatusPageConfig | null; notice: NoticeList | null }> {
  const policy = (await activePolicy(db)).model;
  if (list === 'status') {
    const page = statusPageOf(policy);
    if (!page) throw new NotFoundError('This support policy has no status page');
    return { page, notice: null };
  }
  const l = (policy.file.notification_lists ?? []).find((n) => n.id === list && n.opt_in);
  if (!l) throw new NotFoundError(`The support policy has no opt-in notification list "${list}"`, [{ path: 'list', message: 'not a list of the policy' }]);
  return { page: statusPageOf(policy), notice: { id: l.id, name: l.name, description: l.description } };
}

/** Refuses component ids the policy does not name, pointing at the field. */
export function checkComponentIds(page: StatusPageConfig, ids: readonly string[], path: string): void {
  const known = new Set(page.components.map((c) => c.id));
  const details = ids.flatMap((id, i) => (known.has(id) ? [] : [{ path: `${path}.${i}`, message: `is not a component of the status page: ${id}` }]));
  if (details.length > 0) throw new InvalidInputError('Unknown component', details);
}

/** Whether a subscription's page offers a choice of components: the page's own list, when it has components; not a notice list. */
export function choosesComponents(page: StatusPageConfig | null, list: string): boolean {
  return list === 'status' && !!page && page.components.length > 0;
}

/**
 * The words of the link to a subscription's page, as it is: a notice list (OpenMethods' subprocessor
 * changes) or a page without components has none to choose, only the unsubscribe.
 * @example
 * manageLinkText(openMethodsPage, 'status') // 'Choose components or unsubscribe'
 * manageLinkText(openMethodsPage, 'subprocessors') // 'Manage or unsubscribe'
 */
export function manageLinkText(page: StatusPageConfig | null, list: string): string {
  return choosesComponents(page, list) ? 'Choose components or unsubscribe' : 'Manage or unsubscribe';
}

export function componentName(page: StatusPageConfig, id: string): string {
  return page.components.find((c) => c.id === id)?.name ?? id;
}

/**
 * The zone the page's times are in, for its footer. A fixed offset is named as the vendor names it
 * ("GMT-6"); a zone with summer time by its id, since each time carries its own label (OpenMethods'
 * "U.S. Eastern Standard Time" would be wrong of a July time, shown as EDT).
 */
function footerZone(cal: { time_zone: string; time_zone_label?: string }): string {
  return /^[+-]\d/.test(cal.time_zone) || cal.time_zone === 'UTC' ? zoneText(cal) : `the ${cal.time_zone} time zone`;
}

// Everything the public sees (pages, feeds, /api/v2), loaded at once and cached per database
// until the next status write (status_revision), a policy change, or at most 30 seconds (the
// uptime bars' today and "upcoming" move with the clock). Derived outputs (a rendered page, the
// summary JSON) are memoised on the state. A read costs no query at all while the cache is
// fresh: this process's writes drop it at once; the stored revision and the active policy
// version are re-read at most once a second, for writes and policy changes made elsewhere.
import { activePolicy } from '../policy-versions/index.ts';
import { InvalidInputError, NotFoundError, type Db, type ReadCtx } from '../platform/index.ts';
import {
  groupStatus, maintenanceOnlyStatus, overallStatus, uptimeDays, uptimeWindowStart, type StatusChange, type UptimeDay,
} from './derive.ts';
import { statusPageOf, type PageComponent, type PageGroup, type StatusPageConfig } from './page-config.ts';
import type { ComponentStatus, Entry, Indicator } from './schemas.ts';
import { performance } from 'node:perf_hooks';
import { componentStatuses, currentRevision, loadEntries, localStatusWrites } from './store.ts';

export const UPTIME_DAYS = 90;
const MAX_AGE_MS = 30_000;
// How stale another instance's write (or a policy change) may look here: a monotonic-time cache
// bound, not business time.
const REVALIDATE_MS = 1_000;

export type PublicComponent = PageComponent & { status: ComponentStatus; updatedAt: Temporal.Instant; uptime: { days: UptimeDay[]; uptime: number } };
export type PublicGroup = PageGroup & { status: ComponentStatus; updatedAt: Temporal.Instant };

export type PublicState = {
  key: string;
  now: Temporal.Instant;
  page: StatusPageConfig;
  pageCreatedAt: Temporal.Instant;
  updatedAt: Temporal.Instant;
  components: PublicComponent[];
  groups: PublicGroup[];
  status: { indicator: Indicator; description: string };
  unresolved: Entry[];
  upcoming: Entry[];
  active: Entry[];
  /** The 50 most recent incidents (by creation) and maintenances (by schedule), newest first. */
  incidents: Entry[];
  maintenances: Entry[];
  /** The Atom feed's entries: the 50 incidents and maintenances the page publishes changed last. */
  feed: Entry[];
  memo: Map<string, unknown>;
};

type Cached = { state: PublicState; checkedAt: number; localWrites: number };
const cache = new WeakMap<Db, Cached>();

// A new day in the page's zone starts a new uptime bar: the state is reloaded then, not up to 30 s late.
function current(cached: Cached, now: Temporal.Instant): boolean {
  const zone = cached.state.page.zone.timeZone;
  return Math.abs(cached.state.now.until(now).total('milliseconds')) < MAX_AGE_MS
    && cached.state.now.toZonedDateTimeISO(zone).toPlainDate().equals(now.toZonedDateTimeISO(zone).toPlainDate());
}

export async function publicState(ctx: ReadCtx): Promise<PublicState> {
  const now = ctx.clock.now();
  const cached = cache.get(ctx.db);
  if (cached && cached.localWrites === localStatusWrites() && performance.now() - cached.checkedAt < REVALIDATE_MS && current(cached, now)) {
    return cached.state;
  }
  const writes = localStatusWrites();
  const policy = await activePolicy(ctx.db);
  const page = statusPageOf(policy.model);
  if (!page) throw new NotFoundError('This support policy has no status page');
  const key = `${policy.version}:${await currentRevision(ctx.db)}`;
  if (cached && cached.state.key === key && current(cached, now)) {
    cache.set(ctx.db, { ...cached, checkedAt: performance.now(), localWrites: writes });
    return cached.state;
  }
  const state = await loadState(ctx.db, page, key, now, policy.activatedAt);
  cache.set(ctx.db, { state, checkedAt: performance.now(), localWrites: writes });
  return state;
}

/** Memoises a derived output (a page, a JSON body) on the state. */
export function memo<T>(state: PublicState, name: string, make: () => T): T {
  if (!state.memo.has(name)) state.memo.set(name, make());
  return state.memo.get(name) as T;
}

async function loadState(db: Db, page: StatusPageConfig, key: string, now: Temporal.Instant, pageCreatedAt: Temporal.Instant): Promise<PublicState> {
  const statuses = await componentStatuses(db, page);
  // The bars are days of the page's zone, the one its times are shown in (derive.ts).
  const zone = page.zone.timeZone;
  const windowStart = uptimeWindowStart(now, UPTIME_DAYS, zone);
  const { rows: events } = await db.query<{ component_id: string; status: ComponentStatus; at: Temporal.Instant }>(
    // The changes inside the window, and the last one before it (the status the window opens with).
    `SELECT component_id, status, at FROM status_component_events WHERE at > $1
     UNION ALL
     SELECT component_id, status, at FROM (
       SELECT DISTINCT ON (component_id) component_id, status, at FROM status_component_events WHERE at <= $1 ORDER BY component_id, at DESC
     ) opening`,
    [windowStart],
  );
  const changes = new Map<string, StatusChange[]>();
  for (const e of events) changes.set(e.component_id, [...(changes.get(e.component_id) ?? []), { at: e.at, status: e.status }]);
  const components: PublicComponent[] = page.components.map((c) => {
    const s = statuses.get(c.id)!;
    return {
      ...c,
      status: s.status,
      updatedAt: s.updatedAt ?? pageCreatedAt,
      uptime: uptimeDays({ initial: 'operational', changes: changes.get(c.id) ?? [], now, days: UPTIME_DAYS, timeZone: zone }),
    };
  });
  const groups: PublicGroup[] = page.groups.map((g) => {
    const members = components.filter((c) => c.groupId === g.id);
    const updatedAt = members.map((m) => m.updatedAt).sort(Temporal.Instant.compare).at(-1) ?? pageCreatedAt;
    return { ...g, status: groupStatus(members.map((m) => m.status)), updatedAt };
  });
  const incidents = page.publishes.incidents ? await loadEntries(db, "kind = 'incident'", [], 'created_at DESC, id', 50) : [];
  const unresolved = page.publishes.incidents
    ? await loadEntries(db, "kind = 'incident' AND status IN ('investigating', 'identified', 'monitoring')", [], 'created_at DESC, id', 100)
    : [];
  const maintenances = page.publishes.maintenance ? await loadEntries(db, "kind = 'maintenance'", [], 'scheduled_for DESC, id', 50) : [];
  const open = page.publishes.maintenance
    ? await loadEntries(db, "kind = 'maintenance' AND status IN ('scheduled', 'in_progress', 'verifying')", [], 'scheduled_for, id', 100)
    : [];
  const kinds = publishedKinds(page);
  const feed = kinds.length === 0 ? [] : await loadEntries(db, 'kind IN (SELECT jsonb_array_elements_text($1::jsonb))', [JSON.stringify(kinds)], 'updated_at DESC, id', 50);
  const upcoming = open.filter((m) => m.status === 'scheduled');
  const active = open.filter((m) => m.status !== 'scheduled');
  // The feed's first entry is the published entry changed last.
  const stamps = [pageCreatedAt, ...components.map((c) => c.updatedAt), ...feed.slice(0, 1).map((e) => e.updatedAt)];
  return {
    key,
    now,
    page,
    pageCreatedAt,
    updatedAt: stamps.sort(Temporal.Instant.compare).at(-1)!,
    components,
    groups,
    // A page without incidents (maintenance only) never claims "All Systems Operational" (derive.ts).
    status: page.publishes.incidents
      ? overallStatus(components.map((c) => c.status), unresolved.map((i) => i.impact))
      : maintenanceOnlyStatus(components.map((c) => c.status), active.length > 0),
    unresolved,
    upcoming,
    active,
    incidents,
    maintenances,
    feed,
    memo: new Map(),
  };
}

/** The kinds of entry the page publishes. */
function publishedKinds(page: StatusPageConfig): string[] {
  return [...(page.publishes.incidents ? ['incident'] : []), ...(page.publishes.maintenance ? ['maintenance'] : [])];
}

/** The history page's month: YYYY-MM as asked (from 2000 to 2199), or this month in the page's zone when none is asked. */
export function historyMonth(asked: string | undefined, now: Temporal.Instant, timeZone = 'UTC'): Temporal.PlainYearMonth {
  if (!asked) return now.toZonedDateTimeISO(timeZone).toPlainDate().toPlainYearMonth();
  const m = /^(\d{4})-(\d{2})$/.exec(asked);
  const refuse = (message: string) => new InvalidInputError(`Month: ${message}`, [{ path: 'month', message }]);
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) throw refuse(`${asked.slice(0, 40)} is not a month; give it as YYYY-MM, such as 2026-11`);
  if (Number(m[1]) < 2000 || Number(m[1]) > 2199) throw refuse(`${asked} is outside the years this page covers (2000 to 2199)`);
  return Temporal.PlainYearMonth.from(asked);
}

/**
 * Entries of one month (YYYY-MM) in the page's zone, the zone its times are shown in (an entry at
 * 03:00 UTC on 1 December is 30 November 22:00 EST: November's), newest first: the history page.
 */
export async function monthEntries(db: Db, page: StatusPageConfig, month: string): Promise<Entry[]> {
  const zone = page.zone.timeZone;
  const start = Temporal.PlainYearMonth.from(month).toPlainDate({ day: 1 }).toZonedDateTime(zone).toInstant();
  const end = Temporal.PlainYearMonth.from(month).add({ months: 1 }).toPlainDate({ day: 1 }).toZonedDateTime(zone).toInstant();
  const kinds = publishedKinds(page);
  return loadEntries(
    db,
    `kind IN (SELECT jsonb_array_elements_text($3::jsonb)) AND COALESCE(scheduled_for, created_at) >= $1 AND COALESCE(scheduled_for, created_at) < $2`,
    [start, end, JSON.stringify(kinds)],
    'COALESCE(scheduled_for, created_at) DESC, id',
    500,
  );
}

/** One incident or maintenance as the public sees it (a kind the page publishes). */
export async function publicEntry(ctx: ReadCtx, state: PublicState, id: string): Promise<Entry> {
  const found = [...state.unresolved, ...state.incidents, ...state.maintenances, ...state.upcoming, ...state.active].find((e) => e.id === id);
  if (found) return found;
  const [entry] = await loadEntries(ctx.db, 'id = $1', [id]);
  const published = entry && (entry.kind === 'incident' ? state.page.publishes.incidents : state.page.publishes.maintenance);
  if (!published) throw new NotFoundError('No such incident or maintenance');
  return entry;
}

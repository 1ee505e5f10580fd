// The queue page's query: a view (a tab) and filters, or a saved view by id; read from the URL
// (checked against the active policy: a refusal names each filter as the form labels it),
// from the `back` field of a form posted on the queue, and said as a saved view's filters.
import { InvalidInputError } from '../../platform/index.ts';
import { isUuid } from '../../platform/ids.ts';
import type { PolicyModel } from '../../policy/index.ts';
import { CHANNELS, OPEN_STATUSES, QUEUE_SORTS, type QueueFilters } from '../../tickets/index.ts';
import { STATUS_NAMES } from '../format.ts';
import { pagerQuery } from '../pager.ts';
import { notALevel } from '../level-words.ts';

// The "breaching soon" queue: unmet clocks due within this many minutes, or already overdue.
export const BREACHING_SOON_MINUTES = 60;

export const VIEWS = ['all', 'mine', 'unassigned', 'following', 'breaching', 'after_hours'] as const;
export type View = (typeof VIEWS)[number];
export const VIEW_NAMES: Record<View, string> = {
  all: 'All open', mine: 'Mine', unassigned: 'Unassigned', following: 'Following', breaching: 'Breaching soon', after_hours: 'After hours',
};

export type QueueSort = (typeof QUEUE_SORTS)[number];
/** The queue's orders as the page offers them (list-queue.ts): the default first. */
export const SORT_NAMES: Record<QueueSort, string> = {
  priority: 'Most urgent first', due: 'Due soonest first',
};

/** The queue page's query: a view and filters (and an order), or a saved view (`saved`: its id). */
export type QueueQuery = {
  view?: View; severity?: number; plan?: string; request_type?: string; channel?: (typeof CHANNELS)[number]; tag?: string;
  status?: (typeof OPEN_STATUSES)[number]; organization?: string; sort?: QueueSort; saved?: string; cursor?: string; back?: string; done?: 'view-removed';
};

/** The queue page's address as sent: text until readQueueQuery checks it (a bulk change's outcome: bulkOutcomeOf). */
export type QueueParams = { [K in keyof QueueQuery]?: string } & { [K in keyof BulkParams]?: string };

/**
 * What a bulk change did, said on the queue it came back to (after the redirect: reloading the
 * page sends nothing again): how many tickets changed, and those refused, by number, each for a
 * reason of a closed set (`closed`, `tags`), and how many chosen no longer exist. Numbers only: an
 * address cannot put words of its own on the page.
 */
export type BulkOutcome = { changed: number; closed: number[]; tagsFull: number[]; missing: number };
type BulkParams = { changed: string; refused_closed: string; refused_tags: string; refused_missing: string };
const NUMBERS = { type: 'string', pattern: '^[0-9]{1,9}(,[0-9]{1,9}){0,199}$' };
const COUNT = { type: 'string', pattern: '^[0-9]{1,4}$' };

/** The address of the queue a form came back to (its view, filters and order), with a bulk change's outcome. */
export function queueAddress(query: QueueQuery, outcome?: BulkOutcome): string {
  const { cursor: _cursor, back: _back, done: _done, ...kept } = query;
  const params = new URLSearchParams(Object.entries(kept).filter((e) => e[1] !== undefined && e[1] !== '').map(([k, v]) => [k, String(v)]));
  if (outcome) {
    params.set('done', 'bulk');
    params.set('changed', String(outcome.changed));
    if (outcome.closed.length) params.set('refused_closed', outcome.closed.join(','));
    if (outcome.tagsFull.length) params.set('refused_tags', outcome.tagsFull.join(','));
    if (outcome.missing) params.set('refused_missing', String(outcome.missing));
  }
  return `/agent${params.size ? `?${params.toString()}` : ''}`;
}

/** A bulk change's outcome from the queue's address (done=bulk), or null. */
export function bulkOutcomeOf(params: QueueParams): BulkOutcome | null {
  if (params.done !== 'bulk') return null;
  const numbers = (text: string | undefined) => (text ? text.split(',').map(Number) : []);
  return { changed: Number(params.changed ?? 0), closed: numbers(params.refused_closed), tagsFull: numbers(params.refused_tags), missing: Number(params.refused_missing ?? 0) };
}

// The view and filters are checked in words against the policy (readQueueQuery); the schema bounds them.
const filterText = { type: 'string', maxLength: 100 };

export const queueQuery = {
  querystring: {
    type: 'object',
    additionalProperties: false,
    properties: {
      view: filterText,
      severity: filterText,
      plan: filterText,
      request_type: filterText,
      channel: filterText,
      tag: { type: 'string', maxLength: 50 },
      status: filterText,
      // An organization's id, or its name (or a part of it) as typed in the filter.
      organization: { type: 'string', maxLength: 200 },
      sort: filterText,
      saved: filterText,
      done: { type: 'string', enum: ['view-removed', 'bulk'] },
      changed: COUNT, refused_closed: NUMBERS, refused_tags: NUMBERS, refused_missing: COUNT,
      ...pagerQuery,
    },
  },
};

/** What the page found before reading the address: why the organization typed was not found, and the words refusing a channel not known. */
export type QueueLookups = { organizationProblem?: string; unknownChannel?: string };

/**
 * The address's view and filters as the queue reads them, each checked against what the page offers
 * (the organization found by its name before: `organizationProblem` when it was not; a channel
 * refused listing the desk's channels, tickets/queue-channels.ts);
 * refused with one detail per field, by the path the form-error partial labels as the filter form
 * does (`request_type`: "Request type"), saying what may be chosen.
 */
export function readQueueQuery(params: QueueParams, policy: PolicyModel, { organizationProblem, unknownChannel }: QueueLookups = {}): QueueQuery {
  const { view, severity, status, channel, sort, done, changed: _changed, refused_closed: _closed, refused_tags: _tags, refused_missing: _missing, ...text } = params;
  const severities = [...policy.severities.values()];
  const types = policy.file.request_types ?? [];
  const chosen = {
    view: VIEWS.find((v) => v === view),
    severity: severities.find((s) => String(s.id) === severity)?.id,
    status: OPEN_STATUSES.find((s) => s === status),
    channel: CHANNELS.find((c) => c === channel),
    sort: QUEUE_SORTS.find((o) => o === sort),
  };
  const refused: Array<[keyof QueueParams, boolean, string]> = [
    ['view', !chosen.view, `is not one of the queues (${Object.values(VIEW_NAMES).join(', ')})`],
    ['severity', chosen.severity === undefined, notALevel(policy)],
    ['plan', !policy.plans.has(text.plan ?? ''), `is not one of this policy's plans (${[...policy.plans.values()].map((p) => p.name).join(', ')})`],
    ['request_type', !types.some((t) => t.id === text.request_type), types.length ? `is not one of this policy's request types (${types.map((t) => t.name).join(', ')})` : 'is not offered: this policy has no request types'],
    ['channel', !chosen.channel, unknownChannel ?? 'is not one of the channels'],
    ['status', !chosen.status, `is not a status of open tickets (${OPEN_STATUSES.map((s) => STATUS_NAMES[s] ?? s).join(', ')})`],
    ['organization', organizationProblem !== undefined || !isUuid(text.organization ?? ''), organizationProblem ?? 'is not one of the organizations'],
    ['sort', !chosen.sort, `is not one of the orders (${Object.values(SORT_NAMES).join(', ')})`],
    ['saved', !isUuid(text.saved ?? ''), 'is not one of the saved views'],
  ];
  // An empty value is the form's "Any".
  const problems = refused.filter(([field, bad]) => bad && params[field]).map(([path, , message]) => ({ path, message }));
  if (problems.length) throw new InvalidInputError('The queue cannot be shown that way.', problems);
  return { ...text, ...(chosen.view ? { view: chosen.view } : {}), ...(chosen.severity === undefined ? {} : { severity: chosen.severity }),
    ...(chosen.status ? { status: chosen.status } : {}), ...(chosen.channel ? { channel: chosen.channel } : {}),
    // A tab's default order is said by no parameter (the address of the queue as it was); a saved view's
    // address keeps either order, as the view's own may be the other (a view saved "Due soonest first").
    ...(chosen.sort && (chosen.sort !== 'priority' || text.saved) ? { sort: chosen.sort } : {}), ...(done === 'view-removed' ? { done } : {}) };
}

/** The filters a view and the filter form stand for, and the order, as a saved view keeps them ("me" the reader). */
export function filtersOf(q: QueueQuery): QueueFilters {
  const view = q.view ?? 'all';
  return {
    ...(q.status ? { status: q.status } : {}),
    ...(q.organization ? { organizationId: q.organization } : {}),
    ...(typeof q.severity === 'number' ? { severity: q.severity } : {}),
    ...(q.plan ? { plan: q.plan } : {}),
    ...(q.request_type ? { requestType: q.request_type } : {}),
    ...(q.channel ? { channel: q.channel } : {}),
    ...(q.tag?.trim() ? { tag: q.tag.trim() } : {}),
    ...(view === 'mine' ? { assignee: 'me' as const } : {}),
    ...(view === 'unassigned' ? { assignee: 'none' as const } : {}),
    ...(view === 'following' ? { following: true } : {}),
    ...(view === 'breaching' ? { breachingWithinMinutes: BREACHING_SOON_MINUTES } : {}),
    ...(view === 'after_hours' ? { afterHours: true } : {}),
    ...(q.sort && q.sort !== 'priority' ? { sort: q.sort } : {}),
  };
}

/** The channel a form's queue (its `back` field) filters by when it is no kind a ticket comes by (queueQueryOf drops it). */
export function unknownChannelIn(back: string | undefined): string | undefined {
  const channel = new URL(back ?? '/agent', 'http://accord.invalid').searchParams.get('channel');
  return channel && !CHANNELS.some((c) => c === channel) ? channel : undefined;
}

/** The queue a form came from (its `back` field: /agent with the view and filters); anything else is the default queue. */
export function queueQueryOf(back: string | undefined): QueueQuery {
  const params = new URL(back ?? '/agent', 'http://accord.invalid').searchParams;
  const view = params.get('view');
  const severity = Number(params.get('severity'));
  const text = (name: string) => (params.get(name) ?? '').slice(0, 100) || undefined;
  return {
    ...(view && (VIEWS as readonly string[]).includes(view) ? { view: view as View } : {}),
    ...(Number.isInteger(severity) && severity >= 1 && severity <= 9 ? { severity } : {}),
    ...(text('plan') ? { plan: text('plan') } : {}),
    ...(text('request_type') ? { request_type: text('request_type') } : {}),
    ...(CHANNELS.find((c) => c === text('channel')) ? { channel: text('channel') as QueueQuery['channel'] } : {}),
    ...(text('tag') ? { tag: text('tag') } : {}),
    ...((OPEN_STATUSES as readonly string[]).includes(text('status') ?? '') ? { status: text('status') as QueueQuery['status'] } : {}),
    ...(isUuid(text('organization') ?? '') ? { organization: text('organization') } : {}),
    ...(text('sort') === 'due' || (text('sort') === 'priority' && isUuid(text('saved') ?? '')) ? { sort: text('sort') as QueueSort } : {}),
    ...(isUuid(text('saved') ?? '') ? { saved: text('saved') } : {}),
  };
}


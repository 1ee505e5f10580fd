// The queue page's query: a view (a tab) and filters, or a saved view by id; read from the URL,
// from the `back` field of a form posted on the queue, and said as a saved view's filters.
import { isUuid } from '../../platform/ids.ts';
import { OPEN_STATUSES, type QueueFilters } from '../../tickets/index.ts';

// The "breaching soon" queue: unmet clocks due within this many minutes, or already overdue.
export const BREACHING_SOON_MINUTES = 60;

export const VIEWS = ['all', 'mine', 'unassigned', 'following', 'breaching', 'after_hours'] as const;
export type View = (typeof VIEWS)[number];
export const VIEW_NAMES: Record<View, string> = {
  all: 'All open', mine: 'Mine', unassigned: 'Unassigned', following: 'Following', breaching: 'Breaching soon', after_hours: 'After hours',
};

/** The queue page's query: a view and filters, or a saved view (`saved`: its id). */
export type QueueQuery = {
  view?: View; severity?: number; plan?: string; request_type?: string; tag?: string;
  status?: (typeof OPEN_STATUSES)[number]; organization?: string; saved?: string; cursor?: string; done?: 'view-removed';
};

export const queueQuery = {
  querystring: {
    type: 'object',
    additionalProperties: false,
    properties: {
      view: { type: 'string', enum: [...VIEWS] },
      severity: { anyOf: [{ type: 'integer', minimum: 1, maximum: 9 }, { type: 'string', maxLength: 0 }] },
      plan: { type: 'string', maxLength: 100 },
      request_type: { type: 'string', maxLength: 100 },
      tag: { type: 'string', maxLength: 50 },
      status: { anyOf: [{ type: 'string', enum: [...OPEN_STATUSES] }, { type: 'string', maxLength: 0 }] },
      organization: { anyOf: [{ type: 'string', format: 'uuid' }, { type: 'string', maxLength: 0 }] },
      saved: { type: 'string', format: 'uuid' },
      done: { type: 'string', enum: ['view-removed'] },
      cursor: { type: 'string', maxLength: 500 },
    },
  },
};

/** The filters a view and the filter form stand for, as a saved view keeps them ("me" the reader). */
export function filtersOf(q: QueueQuery): QueueFilters {
  const view = q.view ?? 'all';
  return {
    ...(q.status ? { status: q.status } : {}),
    ...(q.organization ? { organizationId: q.organization } : {}),
    ...(typeof q.severity === 'number' ? { severity: q.severity } : {}),
    ...(q.plan ? { plan: q.plan } : {}),
    ...(q.request_type ? { requestType: q.request_type } : {}),
    ...(q.tag?.trim() ? { tag: q.tag.trim() } : {}),
    ...(view === 'mine' ? { assignee: 'me' as const } : {}),
    ...(view === 'unassigned' ? { assignee: 'none' as const } : {}),
    ...(view === 'following' ? { following: true } : {}),
    ...(view === 'breaching' ? { breachingWithinMinutes: BREACHING_SOON_MINUTES } : {}),
    ...(view === 'after_hours' ? { afterHours: true } : {}),
  };
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
    ...(text('tag') ? { tag: text('tag') } : {}),
    ...((OPEN_STATUSES as readonly string[]).includes(text('status') ?? '') ? { status: text('status') as QueueQuery['status'] } : {}),
    ...(isUuid(text('organization') ?? '') ? { organization: text('organization') } : {}),
    ...(isUuid(text('saved') ?? '') ? { saved: text('saved') } : {}),
  };
}


// The status page's vocabulary (Atlassian Statuspage's, so /api/v2 speaks it unchanged) and the
// input schemas of its verbs.
import { z } from 'zod';

export const COMPONENT_STATUSES = ['operational', 'degraded_performance', 'partial_outage', 'major_outage', 'under_maintenance'] as const;
export type ComponentStatus = (typeof COMPONENT_STATUSES)[number];

export const INCIDENT_STATUSES = ['investigating', 'identified', 'monitoring', 'resolved'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number] | 'postmortem';
export const MAINTENANCE_STATUSES = ['scheduled', 'in_progress', 'verifying', 'completed'] as const;
export type MaintenanceStatus = (typeof MAINTENANCE_STATUSES)[number];
export type EntryStatus = IncidentStatus | MaintenanceStatus;

export const IMPACTS = ['none', 'minor', 'major', 'critical'] as const;
export type Impact = (typeof IMPACTS)[number] | 'maintenance';
export type Indicator = 'none' | 'minor' | 'major' | 'critical' | 'maintenance';

/** The events a policy's `status_page.notify` can promise. */
export type NotifyEvent =
  | 'incident_reported'
  | 'incident_updated'
  | 'incident_resolved'
  | 'maintenance_scheduled'
  | 'maintenance_started'
  | 'maintenance_updated'
  | 'maintenance_completed'
  | 'hotfix_postmortem';
/**
 * Events a vendor may send without having promised them. `component_status_changed`: a component's
 * status set outside any incident (its notification has no incident_id; status_notifications.event is
 * free text, so it needs no migration).
 */
export type StatusEvent = NotifyEvent | 'maintenance_reminder' | 'maintenance_rescheduled' | 'postmortem' | 'notice' | 'component_status_changed';

export const LIMITS = { name: 200, body: 20_000, components: 50, email: 254 } as const;

const ComponentId = z.string().min(1).max(100);
const Name = z.string().trim().min(1, 'must not be empty').max(LIMITS.name);
const Body = z.string().trim().min(1, 'must not be empty').max(LIMITS.body);
const Instant = z.string().transform((text, ctx) => {
  try {
    return Temporal.Instant.from(text);
  } catch {
    ctx.addIssue({ code: 'custom', message: 'must be an ISO-8601 date-time with an offset' });
    return z.NEVER;
  }
});
const ComponentChange = z.strictObject({ id: ComponentId, status: z.enum(COMPONENT_STATUSES) });

export const CreateIncidentInput = z.strictObject({
  name: Name,
  status: z.enum(['investigating', 'identified', 'monitoring']).default('investigating'),
  impact: z.enum(IMPACTS).default('minor'),
  body: Body,
  components: z.array(ComponentChange).max(LIMITS.components).default([]),
  notify: z.boolean().default(true),
});
export type CreateIncidentInput = z.input<typeof CreateIncidentInput>;

export const PostUpdateInput = z.strictObject({
  incidentId: z.uuid(),
  status: z.enum([...INCIDENT_STATUSES, ...MAINTENANCE_STATUSES]),
  body: Body,
  impact: z.enum(IMPACTS).optional(),
  components: z.array(ComponentChange).max(LIMITS.components).default([]),
  notify: z.boolean().default(true),
  /** Also mail the requesters of the tickets linked to the incident (always done on resolution). */
  notifyTickets: z.boolean().default(false),
});
export type PostUpdateInput = z.input<typeof PostUpdateInput>;

export const PublishPostmortemInput = z.strictObject({ incidentId: z.uuid(), body: Body, notify: z.boolean().default(true) });
export type PublishPostmortemInput = z.input<typeof PublishPostmortemInput>;

export const RecordHotfixInput = z.strictObject({
  name: Name,
  body: Body,
  postmortem: Body,
  components: z.array(ComponentId).max(LIMITS.components).default([]),
  notify: z.boolean().default(true),
});
export type RecordHotfixInput = z.input<typeof RecordHotfixInput>;

export const ScheduleMaintenanceInput = z
  .strictObject({
    name: Name,
    body: Body,
    scheduledFor: Instant,
    scheduledUntil: Instant,
    components: z.array(ComponentId).max(LIMITS.components).default([]),
    autoTransition: z.boolean().default(true),
    reminderMinutes: z.number().int().min(1).max(10080).nullable().default(60),
    notify: z.boolean().default(true),
  })
  .refine((v) => Temporal.Instant.compare(v.scheduledUntil, v.scheduledFor) > 0, {
    path: ['scheduledUntil'], message: 'must be after the start',
  });
export type ScheduleMaintenanceInput = z.input<typeof ScheduleMaintenanceInput>;

export const RescheduleMaintenanceInput = z
  .strictObject({
    incidentId: z.uuid(),
    scheduledFor: Instant,
    scheduledUntil: Instant,
    body: Body.optional(),
    notify: z.boolean().default(true),
  })
  .refine((v) => Temporal.Instant.compare(v.scheduledUntil, v.scheduledFor) > 0, {
    path: ['scheduledUntil'], message: 'must be after the start',
  });
export type RescheduleMaintenanceInput = z.input<typeof RescheduleMaintenanceInput>;

export const SetComponentStatusInput = z.strictObject({ componentId: ComponentId, status: z.enum(COMPONENT_STATUSES) });
export type SetComponentStatusInput = z.input<typeof SetComponentStatusInput>;

export const LinkTicketInput = z.strictObject({ incidentId: z.uuid(), ticketId: z.uuid() });
export type LinkTicketInput = z.input<typeof LinkTicketInput>;

const Email = z
  .string()
  .trim()
  .max(LIMITS.email)
  .pipe(z.email({ message: 'must be an email address' }))
  .transform((e) => e.toLowerCase());

export const SubscribeInput = z.strictObject({
  email: Email,
  /** Omitted or empty: every component. */
  components: z.array(ComponentId).max(LIMITS.components).optional(),
  /** 'status' (the page) or a policy notification list id. */
  list: z.string().min(1).max(100).default('status'),
});
export type SubscribeInput = z.input<typeof SubscribeInput>;

export const TokenInput = z.strictObject({ token: z.string().min(20).max(200).regex(/^[A-Za-z0-9_-]+$/, 'is not a link token') });
export type TokenInput = z.input<typeof TokenInput>;

export const UpdateSubscriptionInput = z.strictObject({
  token: TokenInput.shape.token,
  components: z.array(ComponentId).max(LIMITS.components).optional(),
});
export type UpdateSubscriptionInput = z.input<typeof UpdateSubscriptionInput>;

export const AnnounceNoticeInput = z.strictObject({ list: z.string().min(1).max(100), subject: Name, body: Body });
export type AnnounceNoticeInput = z.input<typeof AnnounceNoticeInput>;

export const ListEntriesInput = z.strictObject({
  kind: z.enum(['incident', 'maintenance']).optional(),
  limit: z.number().int().min(1).max(200).default(50),
});
export type ListEntriesInput = z.input<typeof ListEntriesInput>;

export type AffectedComponent = { code: string; name: string; oldStatus: ComponentStatus; newStatus: ComponentStatus };

export type EntryUpdate = {
  id: string;
  incidentId: string;
  status: EntryStatus;
  body: string;
  notify: boolean;
  affectedComponents: AffectedComponent[];
  createdAt: Temporal.Instant;
};

/** An incident or a maintenance, with its timeline (oldest update first). */
export type Entry = {
  id: string;
  kind: 'incident' | 'maintenance';
  name: string;
  status: EntryStatus;
  impact: Impact;
  hotfix: boolean;
  componentIds: string[];
  scheduledFor: Temporal.Instant | null;
  scheduledUntil: Temporal.Instant | null;
  autoTransition: boolean;
  reminderMinutes: number | null;
  startedAt: Temporal.Instant | null;
  monitoringAt: Temporal.Instant | null;
  resolvedAt: Temporal.Instant | null;
  postmortemBody: string | null;
  postmortemPublishedAt: Temporal.Instant | null;
  createdAt: Temporal.Instant;
  updatedAt: Temporal.Instant;
  updates: EntryUpdate[];
  ticketIds: string[];
};

export type Subscription = {
  id: string;
  list: string;
  email: string;
  componentIds: string[] | null;
  confirmedAt: Temporal.Instant | null;
  unsubscribedAt: Temporal.Instant | null;
  createdAt: Temporal.Instant;
};

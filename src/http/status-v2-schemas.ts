// Response schemas of the Statuspage v2 public API (/api/v2): Atlassian's field names and types,
// as their published API and the statuspage.io client's types have them. They document the
// routes in /openapi.json; the bodies themselves are built by status/statuspage-api.ts.
const str = { type: 'string' } as const;
const nstr = { type: ['string', 'null'] } as const;
const time = { type: 'string', format: 'date-time' } as const;
const ntime = { type: ['string', 'null'], format: 'date-time' } as const;
const componentStatus = { type: 'string', enum: ['operational', 'degraded_performance', 'partial_outage', 'major_outage', 'under_maintenance'] } as const;

const Page = {
  type: 'object',
  required: ['id', 'name', 'url', 'time_zone', 'updated_at'],
  properties: { id: str, name: str, url: str, time_zone: str, updated_at: time },
} as const;

const Component = {
  type: 'object',
  required: ['id', 'name', 'status', 'created_at', 'updated_at', 'position', 'description', 'showcase', 'start_date', 'group_id', 'page_id', 'group', 'only_show_if_degraded'],
  properties: {
    id: str, name: str, status: componentStatus, created_at: time, updated_at: time, position: { type: 'integer' },
    description: nstr, showcase: { type: 'boolean' }, start_date: { type: ['string', 'null'], format: 'date' }, group_id: nstr, page_id: str,
    group: { type: 'boolean' }, only_show_if_degraded: { type: 'boolean' },
    components: { type: 'array', items: str, description: 'groups only: the ids of their components' },
  },
} as const;

const IncidentUpdate = {
  type: 'object',
  required: ['id', 'status', 'body', 'incident_id', 'created_at', 'updated_at', 'display_at', 'affected_components', 'deliver_notifications', 'custom_tweet', 'tweet_id'],
  properties: {
    id: str, status: str, body: str, incident_id: str, created_at: time, updated_at: time, display_at: time,
    affected_components: {
      type: ['array', 'null'],
      items: { type: 'object', required: ['code', 'name', 'old_status', 'new_status'], properties: { code: str, name: str, old_status: componentStatus, new_status: componentStatus } },
    },
    deliver_notifications: { type: 'boolean' }, custom_tweet: nstr, tweet_id: nstr,
  },
} as const;

const incidentProperties = {
  id: str, name: str,
  status: { type: 'string', enum: ['investigating', 'identified', 'monitoring', 'resolved', 'postmortem', 'scheduled', 'in_progress', 'verifying', 'completed'] },
  created_at: time, updated_at: time, monitoring_at: ntime, resolved_at: ntime,
  impact: { type: 'string', enum: ['none', 'minor', 'major', 'critical', 'maintenance'] },
  shortlink: str, started_at: ntime, page_id: str,
  incident_updates: { type: 'array', items: IncidentUpdate },
  components: { type: 'array', items: Component },
  postmortem_body: nstr, postmortem_published_at: ntime,
} as const;
const incidentRequired = ['id', 'name', 'status', 'created_at', 'updated_at', 'monitoring_at', 'resolved_at', 'impact', 'shortlink', 'started_at', 'page_id', 'incident_updates', 'components'];

const Incident = { type: 'object', required: incidentRequired, properties: incidentProperties } as const;
const Maintenance = {
  type: 'object',
  required: [...incidentRequired, 'scheduled_for', 'scheduled_until'],
  properties: { ...incidentProperties, scheduled_for: time, scheduled_until: time },
} as const;
const Status = {
  type: 'object', required: ['indicator', 'description'],
  properties: { indicator: { type: 'string', enum: ['none', 'minor', 'major', 'critical', 'maintenance'] }, description: str },
} as const;

const withPage = (properties: Record<string, unknown>) => ({ type: 'object', required: ['page', ...Object.keys(properties)], properties: { page: Page, ...properties } });
const incidents = withPage({ incidents: { type: 'array', items: Incident } });
const maintenances = withPage({ scheduled_maintenances: { type: 'array', items: Maintenance } });

export const V2_SCHEMAS: Record<string, object> = {
  'summary.json': withPage({
    components: { type: 'array', items: Component }, incidents: { type: 'array', items: Incident },
    scheduled_maintenances: { type: 'array', items: Maintenance }, status: Status,
  }),
  'status.json': withPage({ status: Status }),
  'components.json': withPage({ components: { type: 'array', items: Component } }),
  'incidents.json': incidents,
  'incidents/unresolved.json': incidents,
  'scheduled-maintenances.json': maintenances,
  'scheduled-maintenances/upcoming.json': maintenances,
  'scheduled-maintenances/active.json': maintenances,
};

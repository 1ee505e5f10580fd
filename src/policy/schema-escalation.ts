// The policy file format, what happens when something goes wrong: the escalation ladder, the status
// page, notification lists and monitoring (the whole file: schema.ts).
import { z } from 'zod';
import { Id } from './schema-values.ts';

function compiles(pattern: string): boolean {
  try {
    new RegExp(pattern);
    return true;
  } catch {
    return false;
  }
}

/** The escalation ladder, and links that must never reach the client. */
export const Escalation = z.strictObject({
  levels: z.array(
    z.strictObject({
      id: Id,
      name: z.string().min(1),
      role: z.enum(['front_line', 'escalation', 'engineering', 'qa', 'manager']),
      description: z.string().optional(),
      tracker: z
        .strictObject({
          name: z.string().min(1),
          url: z.string().optional(),
          issue_key: z
            .string()
            .min(1)
            .refine(compiles, 'must be a regular expression')
            .optional()
            .describe('what an issue\'s key looks like (a regular expression; JIRA: `[A-Z][A-Z0-9_]+-[0-9]+`, as DEV-1234): a link counts as the issue only when its address names one, standing alone'),
        })
        .optional()
        .describe('the tracker this level works in: a ticket reaches the level once it carries a link to its issue there (on the host of `url` when given; naming a key when `issue_key` is given)'),
      requires_eta: z
        .boolean()
        .optional()
        .describe('true when the client is given an estimated time to resolution before a ticket reaches this level'),
    }),
  ),
  internal_links: z
    .strictObject({
      never_public: z.boolean(),
      forbidden: z.array(z.strictObject({ host: z.string().min(1), reason: z.string().min(1) })).optional(),
    })
    .optional(),
});

/** The status page: what it carries, who is told of what, when maintenance is usual. */
export const StatusPage = z.strictObject({
  enabled: z.boolean(),
  title: z.string().optional(),
  url: z.string().optional(),
  // Optional `group`: components sharing a group name are shown (and served by /api/v2) under it.
  components: z
    .array(z.strictObject({ id: Id, name: z.string().min(1), group: z.string().min(1).optional(), description: z.string().optional() }))
    .optional(),
  // What the page carries: incidents, maintenance or both (a vendor that promised only notice of
  // scheduled outages gets a maintenance-only page). Default: both.
  publishes: z.array(z.enum(['incidents', 'maintenance'])).min(1).optional(),
  notify: z
    .array(z.enum([
      'incident_reported', 'incident_updated', 'incident_resolved',
      'maintenance_scheduled', 'maintenance_started', 'maintenance_updated', 'maintenance_completed', 'hotfix_postmortem',
    ]))
    .optional(),
  maintenance: z.strictObject({
    usual_window: z.string().optional().describe('when maintenance is usually scheduled, in the policy\'s words ("weekends"): shown as a hint to whoever schedules one, refusing no other time'),
    usual_days: z.array(z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'])).min(1).optional()
      .describe('the days of the week usual_window names (weekends: [sat, sun]), in the status page\'s zone: a maintenance that falls on another day is flagged to the team on the status console, never refused'),
    notice: z.string().optional().describe('the vendor\'s own words on notice of maintenance, hedges kept (OfficeSpace: "... customers are usually notified via email and/or at ..."): published under the status page\'s section when it is titled, and quoted where a contact reads about the maintenance mail (their settings)'),
    term: z.string().min(1).optional().describe('the vendor\'s own name for what the page announces ("Scheduled Outages"): heads its section of the status page instead of "Scheduled maintenance"'),
    section: z.string().min(1).optional().describe('the heading of the status page\'s own section for maintenance, in the vendor\'s words (OpenMethods: "the MAINTENANCE section of the OpenMethods status page"): one section listing the maintenance in progress, planned and past'),
    email_customers: z.boolean().optional().describe('true when the vendor notifies its customers of scheduled maintenance by email: each active contact of every customer organization is mailed the scheduling notice (and a new time), not only the page\'s subscribers; needs maintenance_scheduled in notify'),
  }).optional(),
  // The page's URL is given to each new contact (customers/onboarding-notice.ts); needs `url`.
  onboarding_notice: z.boolean().optional(),
});

/** Lists of customers told of changes (opt_in: only those who subscribe). */
export const NotificationLists = z.array(z.strictObject({ id: Id, name: z.string().min(1), description: z.string().min(1), opt_in: z.boolean() }));

/** What the vendor monitors, in its own words. */
export const Monitoring = z.array(z.strictObject({ id: Id, name: z.string().min(1), description: z.string().min(1) }));

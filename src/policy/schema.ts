// The policy file format: one zod schema is the source of the TypeScript types,
// the load-time validation and the published JSON Schema (schema/policy.schema.json).
// Cross-references (calendar ids, plan ids, rule fields) are checked in validate.ts,
// because JSON Schema cannot express them.
import { z } from 'zod';
import { Abuse, Contacts, Coverage, Onboarding } from './schema-customers.ts';
import { Escalation, Monitoring, NotificationLists, StatusPage } from './schema-escalation.ts';
import { Calendar, Channel } from './schema-hours.ts';
import { AfterHoursRule, METRICS, Metric, Plan, Question, RequestType, Severity, TargetSpec, TICKET_STATUSES } from './schema-support.ts';
import { Id } from './schema-values.ts';

// The parts, by part of the policy: values (ids, times, durations), hours (calendars, channels),
// support (severities, targets, plans, after-hours rules), customers, escalation.
export { ID_PATTERN, Id, TimeRange, DAY_KEY_PATTERN, DURATION_PATTERN, DurationText } from './schema-values.ts';
export { HolidayDate, YearlyHoliday, Calendar, CHANNEL_KINDS, Channel } from './schema-hours.ts';
export { Question, TargetSpec, METRICS, Metric, TICKET_STATUSES, Severity, Plan, AfterHoursRule, RequestType } from './schema-support.ts';

/** The published page's sections, each one part of the file (`prose.order` keys). */
export const PAGE_PARTS = [
  'contact', 'hours', 'products', 'levels', 'severities', 'after_hours', 'request_types', 'coverage', 'onboarding',
  'named_contacts', 'escalation', 'status_page', 'notification_lists', 'monitoring', 'sections', 'abuse',
] as const;

export const Policy = z.strictObject({
  $schema: z.string().optional(),
  accord: z.literal(1).describe('policy format version'),
  vendor: z.strictObject({
    id: Id,
    name: z.string().min(1),
    website: z.string().optional(),
    products: z.array(z.string()).optional(),
  }),
  prose: z.strictObject({
    dated: z
      .string()
      .min(1)
      .optional()
      .describe('the date the vendor gives its policy, as it writes it (OfficeSpace: "June 14, 2021", above its title): published above the title; default: none, where the vendor dates it nowhere'),
    title: z.string().min(1),
    introduction: z.string().min(1),
    sections: z
      .array(
        z.strictObject({
          id: Id.optional().describe('names the section in prose.order, to place it on its own among the page\'s sections (OPS-COM: each answer of its FAQ where the seed gives it)'),
          title: z.string().min(1),
          body: z.string().min(1).optional().describe('paragraphs, one per line of the YAML value'),
          items: z.array(z.string().min(1)).optional().describe('a list published after the body'),
          numbered: z.boolean().optional().describe('the items are steps in order, published as a numbered list (as the vendor numbered them)'),
          closing: z.string().min(1).optional().describe('paragraphs the vendor wrote after the items, in the same section (one per line of the YAML value)'),
          subsections: z
            .array(z.strictObject({ title: z.string().min(1), body: z.string().min(1).describe('paragraphs, one per line of the YAML value') }))
            .optional()
            .describe('the vendor\'s subheadings in the section, each with its paragraphs, published under it after its body, items and closing (OpenMethods\' "Types of Notifications": INCIDENT, HOTFIX, MAINTENANCE)'),
        }),
      )
      .optional(),
    order: z
      .array(z.union([z.enum(PAGE_PARTS), Id]))
      .optional()
      .describe(
        'the order the vendor gives its page\'s sections in, after the title and introduction (OpenMethods: its status page sections, ' +
          'then its severities, then Customer Care, then its Data Processing Agreement): those listed come first, in this order, ' +
          'the others after them in Accord\'s order (contact, hours, products (where headed), levels, severities, after_hours, request_types, coverage, onboarding, ' +
          'named_contacts, escalation, status_page, notification_lists, monitoring, sections, abuse); `sections` is prose.sections, together, ' +
          'save those named here by their id, each then in its own place (OPS-COM: its FAQ answers with Accord\'s tables among them, as the seed interleaves them). Each part once; ' +
          'not `severities` where classification.position is last, nor `products` without prose.headings.products (placed only under its heading)',
      ),
    headings: z
      .strictObject({
        contact: z.string().min(1).optional().describe('the section of channels (OpenBack: "How to Contact Support"); default "How to contact support"'),
        hours: z.string().min(1).optional().describe('the section of support hours (OfficeSpace, OpenBack: "Support Hours"); default "Support hours"'),
        levels: z.string().min(1).optional().describe('the section of plans and the feature matrix (OpenBack: "Support Levels"); default "Support levels"'),
        after_hours: z.string().min(1).optional().describe('the section of after-hours support (OPS-COM: "What after-hours support do you provide?"; OpenKey: "Contacting OpenKey", the same as `contact`: then published within that section, after its channels); default "After-hours support"'),
        request_types: z.string().min(1).optional().describe('the section of where each kind of request goes; the same as `contact` (OpenKey: "Contacting OpenKey") publishes it within that section as the vendor lists them, each under its name as a label ("Billing Questions:"); default "Where to send each kind of request", a table'),
        products: z.string().min(1).optional().describe('the section of the products the vendor lists (OpenKey: "Overview", after its contact lines): published under it after the contact and hours sections; default: no heading, after the introduction'),
        coverage: z.string().min(1).optional().describe('the section of what support covers (OpenBack: "Technical Support Coverage"); default "Technical support coverage"'),
        covered: z.string().min(1).optional().describe('heads what is covered (OpenBack: "Issues Covered by Technical Support"); default: the label "Covered:"'),
        not_covered: z.string().min(1).optional().describe('heads what is not covered (OpenBack: "Issues Not Covered by Technical Support"); default: the label "Not covered:"'),
        named_contacts: z.string().min(1).optional().describe('the section of named support contacts (OpenBack: "Named Support Contacts"); default "Named support contacts"'),
        onboarding: z.string().min(1).optional().describe('the section of the onboarding term (OpenBack: "Additional Support Terms", which heads its onboarding clause); default "Onboarding"'),
        releases: z.string().min(1).optional().describe('the help centre\'s page of release notes, /help/releases, and the links to it (OPS-COM: "Upcoming Release", the page its release notes are "always available on"); default "Release notes"'),
      })
      .optional()
      .describe('the vendor\'s own headings of the published page\'s sections, where it has them; a section the vendor never headed keeps Accord\'s plain default'),
    targets_in_features: z
      .boolean()
      .optional()
      .describe('true where the vendor prints its per-plan targets as rows of its feature table (OpenBack: "Severity 1: Critical - Initial Response Time | 6 hours, 24x7 | 3 hours, 24x7 | 1 hour, 24x7 |"): published there, each row so labelled, not as a table of their own after the severities'),
  }),
  calendars: z.array(Calendar).min(1),
  channels: z.array(Channel).min(1),
  features: z
    .array(
      z.strictObject({
        id: Id,
        name: z.string().min(1),
        designated_agent: z
          .boolean()
          .optional()
          .describe('the feature is a person at the vendor designated to each customer (a customer success or technical account manager): organizations on a plan with it true are owed one; "optional" lets one be designated'),
      }),
    )
    .optional(),
  feature_labels: z
    .strictObject({
      named_contacts: z.string().min(1).optional(),
      hours: z.string().min(1).optional(),
      training_hours: z.string().min(1).optional(),
      training: z.string().min(1).optional(),
    })
    .optional()
    .describe('the vendor\'s labels of the feature table\'s rows made from the plans (named contacts, hours, training); default: "Named Support Contacts", "Support Hours of Operation", "Training hours", "Training"'),
  plans: z.array(Plan).min(1),
  intake: z.array(Question).optional(),
  severities: z.array(Severity).min(1),
  classification: z.strictObject({
    default_severity: z.number().int(),
    heading: z.string().min(1).optional().describe('the vendor\'s heading for its levels ("Support Levels"); default "Severity definitions"'),
    numbered: z
      .boolean()
      .optional()
      .describe('false where the vendor numbers no levels: each is published by its name alone, not as "Severity N - Name" (default true)'),
    label: z
      .string()
      .min(1)
      .optional()
      .describe('the vendor\'s word for one level, labelling a ticket\'s level on the portal, the desk and the reports ("Support level", "Tier"), and naming a numbered level ("Priority 1 - Urgent"); default "Severity"'),
    listed: z
      .enum(['most_urgent_first', 'least_urgent_first'])
      .optional()
      .describe(
        'the order the vendor lists its levels in, kept on the published page and the portal\'s new-case form: most_urgent_first ' +
          '(severity 1 first) or least_urgent_first (OfficeSpace: "Basic Product Support" first, "Critical Technical Support" last); default: as the file lists them',
      ),
    position: z.enum(['after_hours', 'last']).optional()
      .describe('where the levels are published: after the support hours (the default) or last, after the vendor\'s own sections, where its policy ends with them (OfficeSpace: "Support Levels")'),
    introduction: z.string().optional().describe('published before the severity definitions'),
    regrading: z.string().optional().describe('published after the severity definitions'),
  }),
  pauses: z
    .array(z.strictObject({ status: z.enum(TICKET_STATUSES), metrics: z.array(Metric).min(1), note: z.string().optional() }))
    .optional(),
  // The vendor promises changes will not reduce the level of support: a version that would is refused (policy/reductions.ts).
  changes: z.strictObject({ never_reduce_support: z.boolean() }).optional(),
  // Housekeeping, never published on the policy page (the customer is told on their case and by
  // mail): a solved ticket nobody answers closes this many days later (0: never; absent: 7); a
  // ticket waiting on the customer's reply has a reminder mailed, then is solved, so many days after
  // it began to wait (each absent: never; tickets/waiting-on-customer.ts).
  lifecycle: z
    .strictObject({
      close_solved_after_days: z.number().int().min(0).max(365).optional(),
      waiting_on_customer: z
        .strictObject({
          remind_after_days: z.number().int().min(1).max(365).optional(),
          solve_after_days: z.number().int().min(1).max(365).optional(),
        })
        .optional(),
    })
    .optional(),
  after_hours: z.array(AfterHoursRule).optional(),
  queues: z.array(z.strictObject({ id: Id, name: z.string().min(1), address: z.string().optional() })).optional(),
  request_types: z.array(RequestType).optional(),
  coverage: Coverage.optional(),
  onboarding: Onboarding.optional(),
  contacts: Contacts.optional(),
  abuse: Abuse.optional(),
  escalation: Escalation.optional(),
  status_page: StatusPage.optional(),
  notification_lists: NotificationLists.optional(),
  monitoring: Monitoring.optional(),
});


export type PolicyFile = z.infer<typeof Policy>;
export type CalendarSpec = z.infer<typeof Calendar>;
export type PlanSpec = z.infer<typeof Plan>;
export type SeveritySpec = z.infer<typeof Severity>;
export type TargetSpecT = z.infer<typeof TargetSpec>;
export type MetricId = (typeof METRICS)[number];
export type TicketStatus = (typeof TICKET_STATUSES)[number];

// The policy file format: one zod schema is the source of the TypeScript types,
// the load-time validation and the published JSON Schema (schema/policy.schema.json).
// Cross-references (calendar ids, plan ids, rule fields) are checked in validate.ts,
// because JSON Schema cannot express them.
import { z } from 'zod';

export const ID_PATTERN = /^[a-z0-9][a-z0-9_-]*$/;
export const Id = z.string().regex(ID_PATTERN, 'must be lower-case letters, digits, "-" or "_"');

/** "09:00-18:00"; an end before the start means the interval runs overnight; "24:00" ends at midnight. */
export const TimeRange = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d-(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'must look like "09:00-17:30"');
const TimeRanges = z.union([TimeRange, z.array(TimeRange)]);

export const DAY_KEY_PATTERN = /^(daily|(mon|tue|wed|thu|fri|sat|sun)(-(mon|tue|wed|thu|fri|sat|sun))?)$/;
const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2026-12-24');

/** "30 minutes", "24 Hours", "1 - 2 business days"; the clock is its own field. Published as written. */
export const DURATION_PATTERN =
  /^(under\s+)?(\d+(\.\d+)?)(\s*-\s*(\d+(\.\d+)?))?\s*(business\s+)?(minutes?|mins?|hours?|h|days?|weeks?)$/i;
export const DurationText = z
  .string()
  .regex(/^\s*[^-\s]/, { message: 'must not be negative', abort: true })
  .regex(DURATION_PATTERN, 'must be a duration like "30 minutes", "12 business hours" or "1 - 2 business days"');

export const HolidayDate = z.strictObject({
  date: IsoDate,
  name: z.string().min(1),
  closed: TimeRanges.optional().describe('closed only during these hours (a partial-day closure); the whole day if absent'),
});
export const YearlyHoliday = z.strictObject({
  month: z.number().int().min(1).max(12),
  day: z.number().int().min(1).max(31),
  name: z.string().min(1),
  closed: TimeRanges.optional(),
});

export const Calendar = z.strictObject({
  id: Id,
  name: z.string().min(1).describe('published name of these hours, in the vendor\'s words'),
  time_zone: z
    .string()
    .describe('IANA time zone ("Europe/London", "Etc/GMT+6") or a fixed UTC offset ("-06:00") where the policy states one'),
  hours: z
    .record(z.string().regex(DAY_KEY_PATTERN, 'must be a day ("mon"), a day range ("mon-fri") or "daily"'), TimeRanges)
    .describe('weekly open intervals, by day or day range'),
  holidays: z
    .strictObject({
      regions: z
        .array(z.string().regex(/^[A-Z]{2}(-[A-Z0-9]{1,3})?$/, 'must be a region code like "US" or "GB-ENG"'))
        .optional()
        .describe('public holidays of these regions (date-holidays codes), observed and substitute days included'),
      observed_only: z
        .boolean()
        .optional()
        .describe('close only the day each regional holiday is observed: when the data gives a substitute day, the holiday\'s own date stays open'),
      except: z.array(z.string()).optional().describe('names of regional holidays on which support stays open (their substitute days too)'),
      published: z
        .boolean()
        .optional()
        .describe('list the days closed on the published page (the default); false where the vendor does not name its holidays ("certain observed UK or US holidays"): its own words, in the note, say it instead'),
      dates: z.array(HolidayDate).optional(),
      yearly: z.array(YearlyHoliday).optional(),
    })
    .optional(),
  note: z.string().optional().describe('published with the hours, in the vendor\'s words'),
  publish_hours: z
    .boolean()
    .optional()
    .describe('false when the vendor states only the name of these hours: the days and times enforced are a reading, not published; the name is published where the policy uses it, not under the support hours'),
});

export const Question = z.strictObject({
  id: Id,
  label: z.string().min(1),
  type: z.enum(['boolean', 'number', 'choice', 'text']),
  choices: z.array(z.string()).optional(),
  min: z.number().optional(),
  max: z.number().optional(),
  help: z.string().optional(),
  notes: z
    .record(z.string(), z.string().min(1))
    .optional()
    .describe(
      'choice questions: by answer, the vendor\'s own words on who handles such a request, said on its receipt ' +
        '(OpenKey: a guest\'s question "should be handled by the Hotel Staff"); published where the vendor wrote them, not again here',
    ),
});

export const TargetSpec = z.strictObject({
  within: DurationText.optional().describe('the measured duration, published as written'),
  clock: z
    .string()
    .optional()
    .describe(
      '"24x7" or a calendar id; defaults to the plan\'s calendar for business units, else 24x7. ' +
        'Published after the duration ("6 hours, 24x7") only when given and not the plan\'s calendar',
    ),
  approximate: z.boolean().optional().describe('published as "approximately ..."; the engine still measures `within` exactly'),
  label: z.string().min(1).optional().describe('the vendor\'s name for this target ("Response Goal", "Response time"); default: the metric\'s title'),
  note: z
    .string()
    .optional()
    .describe('the vendor\'s wording of this target, published instead of the wording generated from `within`; required without `within`'),
  requires_eta: z.boolean().optional().describe('the update must carry an estimated time to resolution'),
});
const PlanTargets = z.record(z.string(), TargetSpec).describe('by plan id; "all" applies to every plan');

export const METRICS = ['first_response', 'update', 'resolution', 'triage', 'status_notification'] as const;
export const Metric = z.enum(METRICS);
export const TICKET_STATUSES = ['open', 'pending_customer', 'pending_third_party', 'solved', 'closed'] as const;
export const CHANNEL_KINDS = ['email', 'phone', 'chat', 'web', 'api'] as const;

export const Severity = z.strictObject({
  id: z.number().int().min(1).max(9).describe('1 is the gravest: the work queue puts graver tickets first, whatever the plan'),
  name: z.string().min(1),
  definition: z
    .union([z.string().min(1), z.array(z.string().min(1)).min(1)])
    .optional()
    .describe('the vendor\'s definition: a paragraph, or a list of what the level includes; absent when the policy gives none'),
  examples: z.array(z.string()).optional(),
  details: z.array(z.string()).optional().describe('how the vendor handles this level, step by step (published as a list)'),
  rules: z.array(z.string()).optional().describe('classification: any rule that holds for the intake answers gives this severity'),
  remediation: z.string().optional().describe('when remediation work happens, e.g. "24/7 until resolved" or a calendar id'),
  refer_to_knowledge_base: z
    .boolean()
    .optional()
    .describe('requests of this severity are referred to the knowledge base: a new ticket comes back with matching articles'),
  targets: z
    .strictObject({ first_response: PlanTargets.optional(), update: PlanTargets.optional(), resolution: PlanTargets.optional() })
    .optional(),
});

export const Plan = z.strictObject({
  id: Id,
  name: z.string().min(1),
  description: z.string().optional(),
  calendar: Id.describe('the calendar of this plan\'s support hours'),
  channels: z.record(Id, z.string()).describe('channel id -> when it is available: "24x7" or a calendar id'),
  named_contacts: z.number().int().min(0).nullable().describe('how many named support contacts; null when the plan has none'),
  features: z.record(Id, z.union([z.boolean(), z.literal('optional')])).optional(),
  priority: z.number().int().min(0).default(0).describe('higher is worked first when queues compete'),
  priority_for: z
    .enum(['all', 'remediation'])
    .default('all')
    .describe(
      'what the priority orders: all of the plan\'s open work, or its remediation work only (tickets whose first response is met; ' +
        'before that a ticket is ranked by its due time whatever its plan, ahead of the remediation work of its severity)',
    ),
  training: z.strictObject({ hours: z.number().min(0).optional(), note: z.string().optional() }).optional(),
});

export const Channel = z.strictObject({
  id: Id,
  kind: z.enum(CHANNEL_KINDS),
  name: z.string().min(1),
  address: z.string().optional().describe('e-mail address, phone number or URL'),
  description: z.string().optional(),
  publish_hours: z
    .union([z.boolean(), z.array(Id)])
    .optional()
    .describe('false when the vendor states no hours for this channel: when the plans take it (plans[].channels) is a reading, enforced but not published; a list of plans when it states them for those plans only (OPS-COM: Standard Plus email)'),
});

export const AfterHoursRule = z.strictObject({
  id: Id,
  description: z.string().min(1),
  plans: z.array(Id).optional().describe('all plans if absent'),
  severities: z.array(z.number().int()).min(1),
  channels: z.array(Id).min(1),
  also_through: z
    .array(Id)
    .optional()
    .describe('channels the rule also takes on a reading of the vendor\'s words (OPS-COM: an online ticket, answered by email): enforced, not published'),
  staffed_by: z.string().min(1),
  hand_over: z
    .enum(['through_its_channels', 'any_channel'])
    .optional()
    .describe(
      'which open tickets of its severities are handed to its staff when support closes on them: those that came through its channels ' +
        '(the default), or those that came through any channel (any_channel: the team already has them; its channels are how new ' +
        'requests reach it after hours, and a ticket through another channel is handed over at the next closing, never at arrival)',
    ),
  targets: z.strictObject({ triage: TargetSpec.optional(), status_notification: TargetSpec.optional() }).optional(),
});

export const RequestType = z.strictObject({
  id: Id,
  name: z.string().min(1),
  queue: Id,
  description: z.string().optional(),
  address: z.string().optional().describe('where customers send this kind of request'),
  sla: z.boolean().default(true).describe('whether severity targets apply'),
  handling: z.string().optional().describe('what support does with it, e.g. refer to the knowledge base'),
  refer_to_knowledge_base: z
    .boolean()
    .optional()
    .describe('requests of this type are referred to the knowledge base: a new ticket comes back with matching articles'),
});

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
    title: z.string().min(1),
    introduction: z.string().min(1),
    sections: z
      .array(
        z.strictObject({
          title: z.string().min(1),
          body: z.string().min(1).optional().describe('paragraphs, one per line of the YAML value'),
          items: z.array(z.string().min(1)).optional().describe('a list published after the body'),
          numbered: z.boolean().optional().describe('the items are steps in order, published as a numbered list (as the vendor numbered them)'),
        }),
      )
      .optional(),
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
  coverage: z
    .strictObject({
      covered: z.array(z.string()).optional(),
      not_covered: z.array(z.strictObject({ id: Id, text: z.string().min(1) })).optional(),
      requirements: z
        .array(
          z.strictObject({
            id: Id,
            text: z.string().min(1),
            unmet: z.enum(['no_technical_support', 'treat_as_plan']),
            plan: Id.optional(),
            not_technical: z
              .string()
              .optional()
              .describe('with no_technical_support: a rule over the intake answers (as severities[].rules) for requests that are not technical support (a billing or account question), which stay covered; a request type without SLA is not technical either'),
          }),
        )
        .optional(),
    })
    .optional(),
  onboarding: z
    .strictObject({ applies_to: z.enum(['new_customers', 'all_customers']), until_complete_plan: Id, text: z.string().min(1) })
    .optional(),
  contacts: z
    .strictObject({
      only_named_contacts_open_tickets: z.boolean(),
      text: z.string().optional().describe('published at the head of the named contacts section'),
      responsibilities: z.array(z.string()).optional(),
      change_process: z.string().optional(),
    })
    .optional(),
  abuse: z
    .strictObject({
      text: z.string().min(1),
      threshold: z.strictObject({ unwarranted_escalations: z.number().int().min(1), window_days: z.number().int().min(1) }),
      action: z.enum(['notify_charges', 'flag_for_manager']),
    })
    .optional(),
  escalation: z
    .strictObject({
      levels: z.array(
        z.strictObject({
          id: Id,
          name: z.string().min(1),
          role: z.enum(['front_line', 'escalation', 'engineering', 'qa', 'manager']),
          description: z.string().optional(),
          tracker: z.strictObject({ name: z.string().min(1), url: z.string().optional() }).optional(),
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
    })
    .optional(),
  status_page: z
    .strictObject({
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
        notice: z.string().optional(),
      }).optional(),
      // The page's URL is given to each new contact (customers/onboarding-notice.ts); needs `url`.
      onboarding_notice: z.boolean().optional(),
    })
    .optional(),
  notification_lists: z
    .array(z.strictObject({ id: Id, name: z.string().min(1), description: z.string().min(1), opt_in: z.boolean() }))
    .optional(),
  monitoring: z.array(z.strictObject({ id: Id, name: z.string().min(1), description: z.string().min(1) })).optional(),
});

export type PolicyFile = z.infer<typeof Policy>;
export type CalendarSpec = z.infer<typeof Calendar>;
export type PlanSpec = z.infer<typeof Plan>;
export type SeveritySpec = z.infer<typeof Severity>;
export type TargetSpecT = z.infer<typeof TargetSpec>;
export type MetricId = (typeof METRICS)[number];
export type TicketStatus = (typeof TICKET_STATUSES)[number];

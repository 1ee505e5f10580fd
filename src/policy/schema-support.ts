// The policy file format, what is promised: the intake questions, severities and their targets,
// plans, after-hours rules and request types (the whole file: schema.ts).
import { z } from 'zod';
import { DurationText, Id } from './schema-values.ts';

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
  goal: z
    .boolean()
    .optional()
    .describe(
      'the vendor calls this time a goal, not a deadline (OfficeSpace: "Response Goal: 2 Hours"): customers are told the time it is ' +
        'aimed for, never that it is breached; the engine still measures `within` and the team is alerted when it passes',
    ),
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

export const Severity = z.strictObject({
  id: z.number().int().min(1).max(9).describe('1 is the gravest: the work queue puts graver tickets first, whatever the plan'),
  name: z.string().min(1),
  published: z
    .boolean()
    .optional()
    .describe('false: a level the vendor never names or defines (OPS-COM: every request that is not critical), enforced but not on the published page; it may set no targets'),
  definition: z
    .union([z.string().min(1), z.array(z.string().min(1)).min(1)])
    .optional()
    .describe('the vendor\'s definition: a paragraph, or a list of what the level includes; absent when the policy gives none'),
  examples: z.array(z.string()).optional(),
  publish_examples: z
    .boolean()
    .optional()
    .describe('false when the page already carries the vendor\'s example in its own sentence where the vendor wrote it (OpenKey: "An example of an emergency is a total system outage ..." under "Contacting OpenKey", an after-hours rule\'s page_text): kept for the portal\'s forms, not listed again under the level'),
  details: z.array(z.string()).optional().describe('how the vendor handles this level, step by step (published as a list)'),
  closing: z
    .string()
    .min(1)
    .optional()
    .describe('what the vendor says of this level after its targets, in its section (OpenMethods, after the System Outage SLAs: "severity 1 tickets may be reevaluated and potentially regraded to a severity 2 ticket")'),
  status_reports: z
    .string()
    .min(1)
    .optional()
    .describe('the step of `details`, in its exact words, that promises reports on the status of the work with no interval (OfficeSpace: "Periodic reports on the status of the correction"): the agent\'s ticket page shows when the last public reply went out; no clock is set'),
  handled_by: z
    .enum(['front_line', 'escalation'])
    .optional()
    .describe(
      'who a new ticket of this level is given to in turn (ACCORD_AUTO_ASSIGN), whichever agents that setting names: the front line ' +
        '(OfficeSpace Basic: "Assign customer support staff to contact customer") or the escalation agents (OfficeSpace Technical and ' +
        'Critical: "Assign engineer to determine and correct the error"); absent: the agents the setting names',
    ),
  rules: z.array(z.string()).optional().describe('classification: any rule that holds for the intake answers gives this severity'),
  remediation: z.string().optional().describe('when remediation work happens, e.g. "24/7 until resolved" or a calendar id'),
  refer_to_knowledge_base: z
    .boolean()
    .optional()
    .describe('requests of this severity are referred to the knowledge base: a new ticket comes back with matching articles'),
  guidance_on_request: z
    .string()
    .min(1)
    .optional()
    .describe('with refer_to_knowledge_base: the vendor\'s sentence offering more help on request, in its exact words (OpenKey: "Additional guidance will be provided upon request if the issue is outside the scope of the knowledge base articles"); quoted on the referral, and the customer may ask for it from the case (tickets/ask-guidance.ts)'),
  targets: z
    .strictObject({ first_response: PlanTargets.optional(), update: PlanTargets.optional(), resolution: PlanTargets.optional() })
    .optional(),
});

export const Plan = z.strictObject({
  id: Id,
  name: z.string().min(1),
  description: z.string().optional(),
  heading: z
    .string()
    .min(1)
    .optional()
    .describe('the vendor\'s own heading of the plan\'s description on its page (OpenBack: "Growth Support"); the plan\'s name if absent'),
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

export const AfterHoursRule = z.strictObject({
  id: Id,
  description: z.string().min(1),
  plans: z.array(Id).optional().describe('all plans if absent'),
  severities: z.array(z.number().int()).min(1),
  channels: z.array(Id).min(1),
  also_through: z
    .array(Id)
    .optional()
    .describe('channels the rule also takes on a reading of the vendor\'s words, where its words leave room for them: enforced, not published'),
  staffed_by: z.string().min(1),
  page_text: z
    .string()
    .min(1)
    .optional()
    .describe(
      'the words the published page gives the rule where the vendor wrote its description in more than one place: the part under the ' +
        'after-hours heading (OpenKey: the off-hours line under "Contacting OpenKey", its "Emergency Tier 2 issues outside of business hours ..." ' +
        'paragraph being under "Tier 2 Support Issues", a prose section); default: the description, which receipts and explanations quote whole',
    ),
  publish_summary: z
    .boolean()
    .optional()
    .describe(
      'false: the list Accord generates after the rule\'s words (its plans, levels, channels and who staffs it) is not published, the ' +
        'vendor\'s words saying it already (OpenKey: published under the vendor\'s own heading, the list would read as its words); its targets still are',
    ),
  hand_over: z
    .enum(['through_its_channels', 'any_channel'])
    .optional()
    .describe(
      'which open tickets of its severities are handed to its staff when support closes on them: those that came through its channels ' +
        '(the default), or those that came through any channel (any_channel: the team already has them; its channels are how new ' +
        'requests reach it after hours, and a ticket through another channel is handed over at the next closing, never at arrival, ' +
        'or at once when an agent regrades it into the rule while support is closed; its targets then run from the hand-over)',
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

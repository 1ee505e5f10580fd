// The policy file format, its customers' part: what support covers, onboarding, named contacts
// and abuse of escalation (the whole file: schema.ts).
import { z } from 'zod';
import { Id } from './schema-values.ts';

/** What support covers, does not cover, and what a customer must have done to be covered (coverage.requirements). */
export const Coverage = z.strictObject({
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
        published_with_onboarding: z
          .boolean()
          .optional()
          .describe('true when the vendor states this term in one sentence with the onboarding term (OpenBack: "(1) ... Standard Support ...; and (2) ... any technical support ..."): published there, in onboarding.published_text, which must say `text` (a lead it shares, ending at a comma, said once at its start; the final full stop aside), not again after what support does not cover; `text` is still what customers are quoted. A requirement not so flagged must not be said there'),
      }),
    )
    .optional(),
});

/** Onboarding a customer must complete before its own plan applies. */
export const Onboarding = z.strictObject({
  applies_to: z.enum(['new_customers', 'all_customers']),
  until_complete_plan: Id,
  text: z.string().min(1),
  served_as: z
    .string()
    .min(1)
    .optional()
    .describe('the vendor\'s own name, words of `text`, for the support given until onboarding is complete where it names no plan (OpenBack: "Standard Support"): said with the plan it is read as'),
  name: z
    .string()
    .min(1)
    .optional()
    .describe('the vendor\'s own name, words of `text`, for the onboarding (OpenBack: "OpenBack Technical On-boarding"): what customers are told must be complete'),
  published_text: z
    .string()
    .min(1)
    .optional()
    .describe('the vendor\'s sentence as published, where it states this term together with others (OpenBack\'s "Additional Support Terms": "(1) ... Standard Support ...; and (2) ... SDK ..."): the page publishes it in place of `text`, which stays what customers are quoted'),
});

/** Named support contacts: who may open tickets, and the vendor's words on them. */
export const Contacts = z.strictObject({
  only_named_contacts_open_tickets: z.boolean(),
  text: z.string().optional().describe('published at the head of the named contacts section'),
  responsibilities: z.array(z.string()).optional(),
  responsibilities_lead: z
    .string()
    .min(1)
    .optional()
    .describe(
      'the vendor\'s own words leading its list of what named contacts are responsible for (OpenBack: "Named Support Contacts are responsible for:"); optional (without it the list is led by plain words), published before them and quoted with them',
    ),
  change_process: z.string().optional(),
});

/** Unwarranted escalations: how many, in what window, and what follows. */
export const Abuse = z.strictObject({
  text: z.string().min(1),
  threshold: z.strictObject({ unwarranted_escalations: z.number().int().min(1), window_days: z.number().int().min(1) }),
  action: z.enum(['notify_charges', 'flag_for_manager']),
});

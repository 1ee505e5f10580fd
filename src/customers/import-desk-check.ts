// The desk-side checks of a customer import (import-customers.ts): the file against itself (one
// person per line, one plan per organization) and against what is already here (organizations by
// name and plan, emails taken by another organization or by the team, named-contact limits). Only
// reads: what it finds is recorded as each line's problems, and the import writes nothing if any.
import type { Ctx } from '../platform/context.ts';
import type { PlanSpec } from '../policy/index.ts';
import type { ImportColumn as Column, ImportProblem } from './import-customers.ts';

/** One line of the file, its fields checked. */
export interface Row {
  line: number;
  organization: string;
  key: string;
  planId: string | null;
  onboardingState: 'complete' | 'incomplete' | undefined;
  existingCustomer: boolean;
  contact: { name: string; email: string; namedContact: boolean } | null;
  /** The contact is already there, at this organization: left unchanged. */
  contactThere: boolean;
  /** How the file differs from the contact already there (left unchanged all the same), in words. */
  contactDiffers: string[];
}

export interface ExistingOrg { id: string; name: string; planId: string; named: number }

export const planName = (plans: Map<string, PlanSpec> | null, id: string) => plans?.get(id)?.name ?? id;

/** The file against itself and against the desk; returns the organizations already there, by lower-case name. */
export async function checkAgainstDesk(ctx: Ctx, rows: Row[], plans: Map<string, PlanSpec> | null, problems: ImportProblem[]): Promise<Map<string, ExistingOrg>> {
  const problem = (line: number, column: Column | null, message: string) => problems.push({ line, column, message });
  // The same email twice, one organization given two plans.
  const emailAt = new Map<string, number>();
  const planOf = new Map<string, { planId: string; line: number }>();
  for (const row of rows) {
    if (row.contact) {
      const first = emailAt.get(row.contact.email);
      if (first !== undefined) problem(row.line, 'email', `${row.contact.email} is also on line ${first}: one person, one line`);
      else emailAt.set(row.contact.email, row.line);
    }
    if (row.planId) {
      const first = planOf.get(row.key);
      if (first && first.planId !== row.planId) {
        problem(row.line, 'plan', `${row.organization} is given the ${planName(plans, row.planId)} plan here but the ${planName(plans, first.planId)} plan on line ${first.line}: give it one plan`);
      } else if (!first) planOf.set(row.key, { planId: row.planId, line: row.line });
    }
  }

  const keys = [...new Set(rows.map((r) => r.key))];
  const { rows: orgRows } = await ctx.db.query<{ id: string; name: string; plan_id: string; named: number }>(
    `SELECT o.id, o.name, o.plan_id,
       (SELECT count(*)::int FROM contacts c WHERE c.organization_id = o.id AND c.named_contact AND c.deactivated_at IS NULL) AS named
     FROM organizations o WHERE lower(o.name) = ANY($1::text[]) ORDER BY o.created_at`,
    [keys],
  );
  const existing = new Map<string, ExistingOrg>();
  const twice = new Set<string>();
  for (const o of orgRows) {
    const key = o.name.toLowerCase();
    if (existing.has(key)) twice.add(key);
    else existing.set(key, { id: o.id, name: o.name, planId: o.plan_id, named: Number(o.named) });
  }
  for (const row of rows) {
    const org = existing.get(row.key);
    if (twice.has(row.key)) {
      problem(row.line, 'organization', `more than one organization here is called ${row.organization}: add this one's people on its page`);
    } else if (org && row.planId && row.planId !== org.planId) {
      problem(row.line, 'plan', `${org.name} is already here on the ${planName(plans, org.planId)} plan, not ${planName(plans, row.planId)}: change its plan on its page first, or give its plan in the file`);
    } else if (!org && !row.planId) {
      // A new organization's plan may be given on any of its lines.
      const given = planOf.get(row.key);
      if (given) row.planId = given.planId;
      else problem(row.line, 'plan', `is empty: ${row.organization} is a new organization and needs a plan`);
    }
  }

  // Emails already in use: a contact of another organization, or someone on the support team.
  const emails = [...emailAt.keys()];
  const [contacts, agents] = await Promise.all([
    ctx.db.query<{ email: string; organization_id: string; name: string; contact_name: string; named_contact: boolean }>(
      `SELECT c.email, c.organization_id, o.name, c.name AS contact_name, c.named_contact
       FROM contacts c JOIN organizations o ON o.id = c.organization_id WHERE c.email = ANY($1::text[])`,
      [emails],
    ),
    ctx.db.query<{ email: string }>('SELECT email FROM agents WHERE email = ANY($1::text[])', [emails]),
  ]);
  const contactOf = new Map(contacts.rows.map((c) => [c.email, c]));
  const agentEmails = new Set(agents.rows.map((a) => a.email));
  const already = new Set<string>();
  for (const row of rows) {
    if (!row.contact || emailAt.get(row.contact.email) !== row.line) continue;
    const email = row.contact.email;
    const at = contactOf.get(email);
    const org = existing.get(row.key);
    if (agentEmails.has(email)) problem(row.line, 'email', `${email} belongs to someone on the support team: a contact needs an address of their own`);
    else if (at && at.organization_id !== org?.id) problem(row.line, 'email', `${email} is already a contact of ${at.name}: one person belongs to one organization`);
    else if (at) {
      already.add(email);
      // An import adds; it never edits a person already here. Say what differs, for it to be changed on their page if meant.
      if (at.contact_name !== row.contact.name) row.contactDiffers.push(`named ${at.contact_name} here, ${row.contact.name} in the file`);
      if (at.named_contact !== row.contact.namedContact) {
        row.contactDiffers.push(at.named_contact ? 'a named support contact here, not in the file' : 'not a named support contact here, named in the file');
      }
    }
  }

  // Named contacts within the plan's limit: those already there and those the file adds.
  const newNamed = new Map<string, number>();
  for (const row of rows) {
    if (!row.contact?.namedContact || already.has(row.contact.email) || emailAt.get(row.contact.email) !== row.line) continue;
    const org = existing.get(row.key);
    const planId = org?.planId ?? planOf.get(row.key)?.planId;
    const plan = planId ? plans?.get(planId) : undefined;
    if (!plan) continue;
    const count = (newNamed.get(row.key) ?? 0) + 1;
    newNamed.set(row.key, count);
    const had = org?.named ?? 0;
    if (plan.named_contacts === null) {
      problem(row.line, 'named_contact', `the ${plan.name} plan has no named support contacts: say no`);
    } else if (had + count > plan.named_contacts) {
      const limit = plan.named_contacts;
      problem(row.line, 'named_contact', `the ${plan.name} plan allows ${limit} named support contact${limit === 1 ? '' : 's'}; this would make ${had + count} at ${row.organization}${had ? ` (${had} already here)` : ''}: say no, or un-name one first`);
    }
  }
  for (const row of rows) if (row.contact && already.has(row.contact.email)) row.contactThere = true;
  return existing;
}

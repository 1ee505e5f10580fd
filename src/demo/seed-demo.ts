// The demo: organizations on every plan of the active policy, named and other contacts,
// agents of every role, API tokens, and tickets in various states (some already past
// their targets), so a first start shows a working desk.
import type { Clock, Ctx, Db, Logger } from '../platform/index.ts';
import type { PolicyModel } from '../policy/index.ts';
import { createAgent, createApiToken, createContact, createOrganization } from '../customers/index.ts';
import { activePolicy } from '../policy-versions/index.ts';
import { addNote, addReply, createTicket, updateTicket } from '../tickets/index.ts';
import { seedArticles } from './seed-articles.ts';
import { seedOncall } from './seed-oncall.ts';
import { seedStatus } from './seed-status.ts';

export type DemoCredentials = {
  url: string;
  /** The address the demo's mail listener accepts mail for (written at start, not by seeding). */
  support_email?: string;
  agents: Array<{ email: string; password: string; role: string; token: string }>;
  contacts: Array<{ email: string; password: string; organization: string; plan: string; token: string }>;
};

const ROLES = ['admin', 'manager', 'escalation', 'front_line'] as const;
const COMPANIES = ['Northwind Hotels', 'Globex', 'Initech', 'Umbrella Retail', 'Stark Logistics', 'Wayne Foods'];

/** E-mail when the plan takes it (every seed but OpenMethods), else the plan's web form. */
function demoChannel(policy: PolicyModel, planId: string): 'email' | 'web' {
  const plan = policy.plans.get(planId)!;
  const email = policy.file.channels.find((c) => c.kind === 'email' && plan.channels[c.id] !== undefined);
  return email ? 'email' : 'web';
}

/** A clock pinned some hours in the past, so demo tickets have history and due clocks. */
function pastClock(clock: Clock, hoursAgo: number): Clock {
  const at = clock.now().subtract({ hours: hoursAgo });
  return { now: () => at };
}

export async function seedDemo({ db, clock, logger }: { db: Db; clock: Clock; logger: Logger }): Promise<Omit<DemoCredentials, 'url'>> {
  const system: Ctx = { db, clock, logger, actor: { kind: 'system' } };
  const { model: policy } = await activePolicy(db);
  const vendor = policy.file.vendor.id;
  const creds: Omit<DemoCredentials, 'url'> = { agents: [], contacts: [] };
  const agentActors: Record<string, Ctx['actor']> = {};

  // Logins are created concurrently: their password hashes (memory-hard, the slow part of a first
  // start) then overlap on the thread pool; the order of the credentials stays the order of ROLES.
  const agents = await Promise.all(
    ROLES.map(async (role) => {
      const email = `${role.replace('_', '-')}@${vendor}.example`;
      const password = `demo-${role.replace('_', '-')}`;
      const agent = await createAgent({ ctx: system, input: { email, name: `${role.replace('_', ' ')} (demo)`, role, password } });
      const { token } = await createApiToken({ ctx: system, input: { agentId: agent.id, name: 'demo' } });
      return { cred: { email, password, role, token }, actor: { kind: 'agent', id: agent.id, role } as Ctx['actor'] };
    }),
  );
  for (const a of agents) {
    creds.agents.push(a.cred);
    agentActors[a.cred.role] = a.actor;
  }

  let n = 0;
  const contacts: Array<{ actor: Ctx['actor']; plan: string }> = [];
  for (const plan of policy.file.plans) {
    const company = COMPANIES[n % COMPANIES.length];
    const org = await createOrganization({ ctx: system, input: { name: company, planId: plan.id, onboardingState: 'complete' } });
    const slug = company.toLowerCase().replace(/[^a-z]+/g, '-');
    // As many named contacts as the plan allows (at least one person to log in as).
    const people = Math.max(1, plan.named_contacts ?? 1);
    const made = await Promise.all(
      Array.from({ length: people }, async (_, k) => {
        const i = k + 1;
        const email = `contact${i}@${slug}.example`;
        const password = `demo-${slug}-${i}`;
        const contact = await createContact({
          ctx: system,
          input: { organizationId: org.id, email, name: `${company} contact ${i}`, namedContact: plan.named_contacts !== null, password },
        });
        const { token } = await createApiToken({ ctx: system, input: { contactId: contact.id, name: 'demo' } });
        return { email, password, contactId: contact.id, token };
      }),
    );
    for (const m of made) {
      creds.contacts.push({ email: m.email, password: m.password, organization: company, plan: plan.id, token: m.token });
      contacts.push({ actor: { kind: 'contact', id: m.contactId, organizationId: org.id }, plan: plan.id });
    }
    n++;
  }

  // Tickets: for each organization, one per severity, opened 2 to 30 hours ago, in various states.
  const severities = [...policy.severities.keys()].sort();
  let k = 0;
  for (const c of contacts.filter((_, i, all) => all.findIndex((x) => x.plan === _.plan) === i)) {
    for (const severity of severities) {
      k++;
      const hoursAgo = 2 + ((k * 7) % 29);
      const at = (h: number): Ctx => ({ ...system, clock: pastClock(clock, h) });
      const ticket = await createTicket({
        ctx: { ...at(hoursAgo), actor: c.actor },
        input: { subject: `Demo: severity ${severity} issue (${policy.severities.get(severity)!.name})`, description: 'Created by the demo loader.', severity, channel: demoChannel(policy, c.plan) },
      });
      const agent = { ...at(hoursAgo - 1), actor: agentActors[k % 2 ? 'front_line' : 'escalation'] };
      if (k % 4 === 1) continue; // left untouched: its clocks run (or have breached)
      await addNote({ ctx: agent, input: { ticketId: ticket.id, body: 'Internal: checking the logs.' } });
      await addReply({ ctx: agent, input: { ticketId: ticket.id, body: 'Thanks, we are looking into it.', eta: clock.now().add({ hours: 24 }).toString() } });
      if (k % 4 === 2) await updateTicket({ ctx: agent, input: { ticketId: ticket.id, status: 'pending_customer' } });
      if (k % 4 === 3) await updateTicket({ ctx: agent, input: { ticketId: ticket.id, status: 'solved' } });
    }
  }
  await seedArticles({ db, clock, logger, vendorId: vendor });
  await seedOncall({ ctx: system, agents: agentActors });
  await seedStatus({ ctx: system });
  logger.info({ agents: creds.agents.length, contacts: creds.contacts.length }, 'demo loaded');
  return creds;
}

// The demo: organizations on every plan of the active policy, named and other contacts,
// agents of every role, API tokens, and tickets in various states (some already past
// their targets), so a first start shows a working desk.
import type { Clock, Ctx, Db, Logger } from '../platform/index.ts';
import { severityPhrase, type PolicyModel } from '../policy/index.ts';
import { createAgent, createApiToken, createContact, createOrganization, designatableFeatures, planDesignation, updateOrganization, updateProfile } from '../customers/index.ts';
import { activePolicy } from '../policy-versions/index.ts';
import { addNote, addReply, createTicket, rateTicket, receiveSideReply, recordUndeliveredMail, sendSideMessage, setTicketTags, updateTicket } from '../tickets/index.ts';
import { DEMO_AGENT_NAMES, DEMO_ROLES, demoAgentLogin, demoContactLogin } from './logins.ts';
import { seedArticles } from './seed-articles.ts';
import { seedOncall } from './seed-oncall.ts';
import { seedCannedResponses } from './seed-canned.ts';
import { seedStatus } from './seed-status.ts';

export type DemoCredentials = {
  url: string;
  /** The address the demo's mail listener accepts mail for (written at start, not by seeding). */
  support_email?: string;
  agents: Array<{ email: string; password: string; role: string; token: string }>;
  contacts: Array<{ email: string; password: string; organization: string; plan: string; token: string }>;
};

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

  // The organizations first (one per plan): the contacts belong to them.
  const orgs: Array<{ plan: PolicyModel['file']['plans'][number]; company: string; org: { id: string } }> = [];
  for (const [n, plan] of policy.file.plans.entries()) {
    const company = COMPANIES[n % COMPANIES.length];
    const org = await createOrganization({ ctx: system, input: { name: company, planId: plan.id, onboardingState: 'complete' } });
    orgs.push({ plan, company, org });
  }

  // The logins two at a time, while the knowledge base and the status page are seeded (and, at a
  // first start, the app is built: src/service/start-service.ts). Their password hashes
  // (memory-hard, 0.15-0.3 s of CPU each: ADR 0017) are the slow part of the demo: two at a time
  // keep the thread pool on one core's worth and leave this thread the other; all eight at once
  // made the whole start slower (bench/start.bench.ts, ADR 0016).
  type Made = { agent?: { cred: DemoCredentials['agents'][number]; actor: Ctx['actor'] }; contact?: { cred: DemoCredentials['contacts'][number]; actor: Ctx['actor'] } };
  const loginTasks: Array<() => Promise<Made>> = [
    ...DEMO_ROLES.map((role) => async (): Promise<Made> => {
      const { email, password } = demoAgentLogin(role, vendor);
      const agent = await createAgent({ ctx: system, input: { email, name: DEMO_AGENT_NAMES[role], role, password } });
      const { token } = await createApiToken({ ctx: system, input: { agentId: agent.id, name: 'demo' } });
      return { agent: { cred: { email, password, role, token }, actor: { kind: 'agent', id: agent.id, role } } };
    }),
    // As many named contacts as each plan allows (at least one person to log in as).
    ...orgs.flatMap(({ plan, company, org }) =>
      Array.from({ length: Math.max(1, plan.named_contacts ?? 1) }, (_, k) => async (): Promise<Made> => {
        const { email, password } = demoContactLogin(company, k + 1);
        const contact = await createContact({
          ctx: system,
          input: { organizationId: org.id, email, name: `${company} contact ${k + 1}`, namedContact: plan.named_contacts !== null, password },
        });
        const { token } = await createApiToken({ ctx: system, input: { contactId: contact.id, name: 'demo' } });
        return { contact: { cred: { email, password, organization: company, plan: plan.id, token }, actor: { kind: 'contact', id: contact.id, organizationId: org.id } } };
      }),
    ),
  ];
  const logins = async (): Promise<Made[]> => {
    const made: Made[] = new Array(loginTasks.length);
    let next = 0;
    const worker = async () => {
      while (next < loginTasks.length) {
        const i = next++;
        made[i] = await loginTasks[i]();
      }
    };
    await Promise.all([worker(), worker()]);
    return made;
  };
  const [made] = await Promise.all([logins(), seedArticles({ db, clock, logger, vendorId: vendor }), seedStatus({ ctx: system })]);
  const contacts: Array<{ actor: Ctx['actor']; plan: string }> = [];
  for (const { agent, contact } of made) {
    if (agent) {
      creds.agents.push(agent.cred);
      agentActors[agent.cred.role] = agent.actor;
    }
    if (contact) {
      creds.contacts.push(contact.cred);
      contacts.push({ actor: contact.actor, plan: contact.cred.plan });
    }
  }

  // The people a plan owes each organization (OpenBack: Enterprise's Customer Success Manager):
  // the demo's manager, so the portal and the ticket page show one. Optional ones stay open.
  const manager = agentActors.manager;
  if (manager?.kind === 'agent') {
    for (const { plan, org } of orgs) {
      const owed = designatableFeatures(policy).filter((f) => planDesignation(policy.plans.get(plan.id)!, f.id) === 'owed');
      if (owed.length === 0) continue;
      await updateOrganization({ ctx: system, input: { organizationId: org.id, designatedAgents: Object.fromEntries(owed.map((f) => [f.id, manager.id])) } });
    }
  }

  // The team's notes about the first customer (shown on its tickets) and the front-line agent's
  // signature (under their replies in the customer's mail), so the demo shows both.
  if (orgs[0]) {
    await updateOrganization({ ctx: system, input: { organizationId: orgs[0].org.id, notes: `${orgs[0].company} runs its own install; call their IT lead before any restart. (Demo notes: edit them on Admin > Organizations.)` } });
  }
  const frontLine = agentActors.front_line;
  if (frontLine?.kind === 'agent') await updateProfile({ ctx: { ...system, actor: frontLine }, input: { signature: `The ${policy.file.vendor.name} support team` } });

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
        input: { subject: `Demo: ${severityPhrase(policy, severity)} issue`, description: 'Created by the demo loader.', severity, channel: demoChannel(policy, c.plan) },
      });
      const agent = { ...at(hoursAgo - 1), actor: agentActors[k % 2 ? 'front_line' : 'escalation'] };
      if (k % 4 === 1) continue; // left untouched: its clocks run (or have breached)
      await addNote({ ctx: agent, input: { ticketId: ticket.id, body: 'Internal: checking the logs.' } });
      await addReply({ ctx: agent, input: { ticketId: ticket.id, body: 'Thanks, we are looking into it.', eta: clock.now().add({ hours: 24 }).toString() } });
      // The team's tags, for the queue's filter and the reports' "by tag".
      await setTicketTags({ ctx: agent, input: { ticketId: ticket.id, tags: [severity === 1 ? 'outage' : 'demo', ...(k % 3 === 0 ? ['billing'] : [])] } });
      if (k % 4 === 2) await updateTicket({ ctx: agent, input: { ticketId: ticket.id, status: 'pending_customer' } });
      // One ticket waited on a supplier, asked from the ticket (a side conversation), who answered: it is open again.
      if (k === 4) {
        await updateTicket({ ctx: agent, input: { ticketId: ticket.id, status: 'pending_third_party' } });
        const asked = await sendSideMessage({
          ctx: agent, input: { ticketId: ticket.id, to: 'support@supplier.example', subject: 'Demo: do you see this too?', body: 'One of our customers sees this since this morning. Do you see it on your side?' },
        });
        await receiveSideReply({ ctx: at(hoursAgo - 3), input: { conversationId: String(asked.data.conversation_id), body: 'Yes: a known issue in our 2.1 release, fixed in 2.2 (out next week).', messageId: null, files: [] } });
      }
      // One reply the customer's mail server refused: the ticket says so (and is not solved for their
      // silence), and its mail list offers to send it again.
      if (k === 6) {
        const { rows } = await system.db.query<{ id: string }>(
          "UPDATE outbox SET status = 'failed', attempts = 1, last_error = $2 WHERE kind = 'ticket_reply' AND payload->>'ticket_id' = $1 RETURNING id",
          [ticket.id, "550 5.2.1 mailbox disabled (demo: the customer's mail server refused it)"],
        );
        for (const r of rows) await recordUndeliveredMail({ ctx: at(hoursAgo - 2), input: { outboxId: r.id, how: 'failed' } });
      }
      if (k % 4 === 3) {
        await updateTicket({ ctx: agent, input: { ticketId: ticket.id, status: 'solved' } });
        // The customer says how it went (the reports' satisfaction).
        await rateTicket({ ctx: { ...at(1), actor: c.actor }, input: { ticketId: ticket.id, rating: k % 8 === 3 ? 'good' : 'bad', ...(k % 8 === 3 ? {} : { comment: 'Took longer than we hoped.' }) } });
      }
    }
  }
  await seedOncall({ ctx: system, agents: agentActors });
  await seedCannedResponses({ ctx: system });
  logger.info({ agents: creds.agents.length, contacts: creds.contacts.length }, 'demo loaded');
  return creds;
}

// An in-process app on a desk with an example policy active: organizations with contacts,
// agents, and a bearer token for each. Shared by the ticket, policy and fuzz suites.
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { createApiToken, createTokenForEmail, revokeTokenById } from '../../src/customers/index.ts';
import { buildApp, type AppDeps } from '../../src/http/index.ts';
import { emailSettingsFor } from '../../src/email/index.ts';
import { silentLogger } from '../../src/platform/index.ts';
import { parse, stringify } from 'yaml';
import { examplePolicySource, openDesk, type Desk } from '../support/desk.ts';

export type Person = { id: string; token: string; organizationId?: string };

export interface TicketApp {
  desk: Desk;
  app: FastifyInstance;
  admin: Person;
  manager: Person;
  escalation: Person;
  /** A front-line agent. */
  agent: Person;
  /** A front-line agent's tokens that no longer work: revoked, and expired. */
  revokedToken: string;
  expiredToken: string;
  /** A contact of organization A (plan `plan`) and one of organization B. */
  contactA: Person & { organizationId: string };
  contactB: Person & { organizationId: string };
  /** A new organization on `plan` with one named contact, and that contact's token. */
  newContact(plan?: string): Promise<Person & { organizationId: string }>;
  as(token: string, options: InjectOptions): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

export async function openTicketApp(policy = 'openback', plan = 'enterprise', appDeps: Partial<AppDeps> = {}): Promise<TicketApp> {
  const desk = await openDesk(policy);
  // With the demo's mail catcher (/dev/mail), as a desk without SMTP_URL has it.
  const email = { settings: emailSettingsFor('support@accord.localhost'), devMail: true };
  const app = await buildApp({ db: desk.t.db, clock: desk.clock, logger: silentLogger(), email, ...appDeps });
  const agentToken = async (email: string) => (await createTokenForEmail(desk.t.db, email, { clock: desk.clock })).token;
  const contact = async (onPlan = plan) => {
    const org = await desk.addOrganization(onPlan);
    const { token } = await createApiToken({ ctx: desk.system, input: { contactId: org.contactId } });
    return { id: org.contactId, organizationId: org.id, token };
  };
  const admin = { id: (desk.admin as { id: string }).id, token: await agentToken('admin@vendor.example') };
  const manager = { id: (desk.manager as { id: string }).id, token: await agentToken('manager@vendor.example') };
  const escalation = { id: (desk.escalation as { id: string }).id, token: await agentToken('escalation@vendor.example') };
  const agent = { id: (desk.agent as { id: string }).id, token: await agentToken('agent@vendor.example') };
  const revoked = await createTokenForEmail(desk.t.db, 'agent@vendor.example', { clock: desk.clock });
  await revokeTokenById(desk.t.db, revoked.id, { clock: desk.clock });
  // Made a day before the desk's clock, living one day: it expired at the desk's "now".
  const dayBefore = { now: () => desk.clock.now().subtract({ hours: 24 }) };
  const expired = await createTokenForEmail(desk.t.db, 'agent@vendor.example', { clock: dayBefore, expiresInDays: 1 });
  const contactA = await contact();
  const contactB = await contact();
  return {
    desk,
    app,
    admin,
    manager,
    escalation,
    agent,
    revokedToken: revoked.token,
    expiredToken: expired.token,
    contactA,
    contactB,
    newContact: contact,
    as: (token, options) => app.inject({ ...options, headers: { ...options.headers, authorization: `Bearer ${token}` } }),
    async close() {
      await app.close();
      await desk.close();
    },
  };
}

/** A ticket opened by a contact; returns its JSON. */
export async function openTicket(h: TicketApp, who: Person, body: Record<string, unknown> = {}): Promise<any> {
  const res = await h.as(who.token, { method: 'POST', url: '/api/v1/tickets', payload: { subject: 'It is down', description: 'Since 09:00', severity: 2, ...body } });
  if (res.statusCode !== 201) throw new Error(`open ticket: ${res.statusCode} ${res.body}`);
  return res.json();
}

export function assertEnvelopeShape(body: any): void {
  const keys = Object.keys(body).sort().join(',');
  if (keys !== 'code,details,message,requestId') throw new Error(`not an error envelope: ${JSON.stringify(body)}`);
}

/** An example policy with its plans replaced, e.g. to match fixtures' plan ids. */
export function policyWithPlans(example: string, plans: Array<{ id: string; named_contacts: number | null }>): string {
  const file = parse(examplePolicySource(example));
  const template = file.plans[0];
  file.plans = plans.map((p) => ({ ...template, id: p.id, name: p.id, named_contacts: p.named_contacts }));
  return stringify(file);
}

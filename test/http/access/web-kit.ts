// What the web pages' access rows share (web-rows.ts, web-admin-rows.ts): who may open a page, and
// requests as each actor makes them, and a fresh case to act on. Pages use the session cookie, not a bearer token: each actor
// gets a session of its own (the revoked actor a signed-out session, the expired one a session idle
// past its timeout), and every form carries that session's CSRF token.
import type { InjectOptions } from 'fastify';
import { createTicket } from '../../../src/tickets/index.ts';
import { createSession, endSession, SESSION_HOURS } from '../../../src/web/auth/index.ts';
import { expect, type ActorName, type Expect, type RowsEnv } from './matrix-kit.ts';

// A well-formed anonymous CSRF token (43 base64url characters), sent as cookie and form field.
const ANON_CSRF = 'a'.repeat(43);

/**
 * Who may open a page: as the API's rows (matrix-kit.ts expect), but a signed-in page sends a visitor
 * without a valid session to /login (303) instead of 401; contact B meets org A's things as 404.
 */
export function pageExpect(who: { public?: boolean; contact?: 'own' | 'any' | false; roles?: string[]; ok: number; anonymous?: number }): Expect {
  const api = expect(who);
  return who.public ? api : { ...api, anonymous: 303, revoked: 303, expired: 303 };
}
export const AGENT_ROLES = ['front_line', 'escalation', 'manager', 'admin'];

/** The audiences a page is for, each answering `ok`; everyone else as pageExpect says. */
export const agents = (ok: number) => pageExpect({ contact: false, roles: AGENT_ROLES, ok });
export const contacts = (ok: number, contact: 'own' | 'any' = 'any') => pageExpect({ contact, roles: [], ok });
export const admins = (ok: number) => pageExpect({ contact: false, roles: ['admin'], ok });
export const managers = (ok: number) => pageExpect({ contact: false, roles: ['manager', 'admin'], ok });
export const signedIn = (ok: number) => pageExpect({ contact: 'any', roles: AGENT_ROLES, ok });

/**
 * GET and form POST requests as each actor, on sessions made once per actor (`fresh` makes a new
 * one), and a fresh case of contact A's to act on (`ticket`, its id).
 */
export function pageRequests({ h, unique }: RowsEnv) {
  const db = h.desk.t.db;
  const clock = h.desk.clock;
  const people: Partial<Record<ActorName, { kind: 'agent' | 'contact'; id: string }>> = {
    contactA: { kind: 'contact', id: h.contactA.id }, contactB: { kind: 'contact', id: h.contactB.id },
    front_line: { kind: 'agent', id: h.agent.id }, escalation: { kind: 'agent', id: h.escalation.id },
    manager: { kind: 'agent', id: h.manager.id }, admin: { kind: 'agent', id: h.admin.id },
  };
  type Cred = { cookie: string; csrf: string };
  const anonymous: Cred = { cookie: `accord_csrf=${ANON_CSRF}`, csrf: ANON_CSRF };
  const fresh = async (actor: ActorName): Promise<Cred> => {
    const who = people[actor];
    if (who) {
      const { token, csrf } = await createSession(db, clock, who);
      return { cookie: `accord_session=${token}`, csrf };
    }
    if (actor === 'revoked') {
      const { token } = await createSession(db, clock, { kind: 'agent', id: h.agent.id });
      await endSession(db, token);
      return { cookie: `accord_session=${token}; ${anonymous.cookie}`, csrf: ANON_CSRF };
    }
    if (actor === 'expired') {
      const idle = { now: () => clock.now().subtract({ hours: SESSION_HOURS, minutes: 1 }) };
      const { token } = await createSession(db, idle, { kind: 'agent', id: h.agent.id });
      return { cookie: `accord_session=${token}; ${anonymous.cookie}`, csrf: ANON_CSRF };
    }
    return anonymous;
  };
  const creds = new Map<ActorName, Promise<Cred>>();
  const credOf = (actor: ActorName) => {
    if (!creds.has(actor)) creds.set(actor, fresh(actor));
    return creds.get(actor)!;
  };

  const get = (url: () => string | Promise<string>) => async (actor: ActorName): Promise<InjectOptions> => ({
    method: 'GET', url: await url(), headers: { cookie: (await credOf(actor)).cookie },
  });
  const post = (url: () => string | Promise<string>, form: () => Record<string, string> | Promise<Record<string, string>> = () => ({}), cred = credOf) =>
    async (actor: ActorName): Promise<InjectOptions> => {
      const c = await cred(actor);
      return {
        method: 'POST', url: await url(), headers: { cookie: c.cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ _csrf: c.csrf, ...(await form()) }).toString(),
      };
    };
  const ticket = async () =>
    (await createTicket({ ctx: h.desk.ctx({ kind: 'contact', id: h.contactA.id, organizationId: h.contactA.organizationId }), input: { subject: unique('Page check'), description: 'Checking access.', severity: 3 } })).id;
  return { fresh, get, post, ticket };
}

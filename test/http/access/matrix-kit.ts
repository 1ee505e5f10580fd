// The access matrix's vocabulary: the actors every route is called as, how to write the
// statuses a row expects, and a row. Each domain adds its routes' rows in a file of its own in
// this folder (`*-rows.ts`, exporting `rows(env)`); access-matrix.test.ts gathers them all.
import type { InjectOptions } from 'fastify';
import type { TicketApp } from '../ticket-app.ts';

export const ACTORS = ['anonymous', 'contactA', 'contactB', 'front_line', 'escalation', 'manager', 'admin', 'revoked', 'expired'] as const;
export type ActorName = (typeof ACTORS)[number];
export type Expect = Record<ActorName, number>;

/** Expected statuses from who may call and what a success is; contact B reaches org A's things as "not found". */
export function expect(who: { public?: boolean; contact?: 'own' | 'any' | false; roles?: string[]; ok: number }): Expect {
  const denied = (allowed: boolean) => (allowed ? who.ok : 403);
  if (who.public) return Object.fromEntries(ACTORS.map((a) => [a, who.ok])) as Expect;
  const roles = who.roles ?? [];
  return {
    anonymous: 401,
    revoked: 401,
    expired: 401,
    contactA: denied(who.contact !== false && who.contact !== undefined),
    contactB: who.contact === 'own' ? 404 : denied(who.contact === 'any'),
    front_line: denied(roles.includes('front_line')),
    escalation: denied(roles.includes('escalation')),
    manager: denied(roles.includes('manager')),
    admin: denied(roles.includes('admin')),
  };
}
export const AGENTS = ['front_line', 'escalation', 'manager', 'admin'];

/** `html`: a web page, whose refusals are HTML pages and whose sign-in is a redirect (web-rows.ts, web-admin-rows.ts). */
export type Row = { method: string; url: string; request: (actor: ActorName) => Promise<InjectOptions>; expect: Expect; html?: boolean };


/** What a rows file gets: the app with its people, a ticket of contact A's, and a unique-label maker. */
export type RowsEnv = { h: TicketApp; ticketA: string; unique: (label: string) => string };

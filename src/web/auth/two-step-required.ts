// A desk may require two-step sign-in (config ACCORD_TWO_STEP_REQUIRED): of its admins, of every
// agent, or of everyone (customers too). Someone it applies to who has not set it up is signed in,
// but every page sends them to their settings page, where they set it up; nothing else is done in
// their name on the web until they have. API tokens are a credential of their own, created by
// people who signed in, and are not affected (README: Two-step sign-in).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ForbiddenError } from '../../platform/index.ts';
import type { Session } from './sessions.ts';

export const TWO_STEP_REQUIREMENTS = ['off', 'admins', 'agents', 'everyone'] as const;
export type TwoStepRequirement = (typeof TWO_STEP_REQUIREMENTS)[number];

/** Whether the desk requires two-step sign-in of this person. */
export function twoStepRequiredOf(requirement: TwoStepRequirement, actor: Session['actor']): boolean {
  if (requirement === 'everyone') return true;
  if (actor.kind !== 'agent') return false;
  return requirement === 'agents' || (requirement === 'admins' && actor.role === 'admin');
}

/** Where someone sets it up, and what they may do on the web before they have. */
export const settingsPathOf = (actor: Session['actor']) => (actor.kind === 'agent' ? '/agent/settings' : '/portal/settings');
const ALLOWED_BEFORE = new Set(['GET /agent/settings', 'GET /portal/settings', 'POST /logout',
  ...['/agent/settings', '/portal/settings'].flatMap((base) => [`POST ${base}/two-step/start`, `POST ${base}/two-step/confirm`])]);

/** In the pages' context, after the session is read (http/access.ts): holds back whoever must set it up first. */
export function registerTwoStepRequirement(web: FastifyInstance, requirement: TwoStepRequirement): void {
  if (requirement === 'off') return;
  web.addHook('onRequest', async (request: FastifyRequest, reply) => {
    const session = request.webSession;
    if (!session || session.twoStep || !twoStepRequiredOf(requirement, session.actor)) return;
    if (request.routeOptions.config.access === 'public' || ALLOWED_BEFORE.has(`${request.method} ${request.routeOptions.url}`)) return;
    if (request.method === 'GET' || request.method === 'HEAD') return reply.redirect(settingsPathOf(session.actor), 303);
    throw new ForbiddenError('This desk requires two-step sign-in: set it up on your settings page first');
  });
}

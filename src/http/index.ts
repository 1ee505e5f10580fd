// The HTTP transport: the Fastify app and its pieces. Routes stay thin; verbs do the work.
export { buildApp } from './app.ts';
export type { AppDeps } from './app.ts';
export { requireActor } from './access.ts';
export { ctxFor, readCtxFor, errorResponses, pageOf, pageQuery, timestamp, uuid, AGENTS, SIGNED_IN, MANAGERS, ADMINS } from './route-kit.ts';
export type { RouteDeps, Access, Audience } from './route-kit.ts';
export { toWire, fromWire, pageToWire } from './wire.ts';
export type { EnvelopeCode } from './error-handler.ts';

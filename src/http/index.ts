// The HTTP transport: the Fastify app and its pieces. Routes stay thin; verbs do the work.
export { buildApp } from './app.ts';
export type { AppDeps } from './app.ts';
export { requireActor } from './auth.ts';
export { ctxFor, errorResponses, pageOf, pageQuery, security, timestamp, uuid } from './route-kit.ts';
export type { RouteDeps } from './route-kit.ts';
export { toWire, fromWire, pageToWire } from './wire.ts';
export type { EnvelopeCode } from './error-handler.ts';

// Deny by default. Every route declares who may call it (`config.access`, see route-kit.ts);
// a route without a declaration stops the app from starting. The check runs in onRequest on
// the route the router actually matched (never on the raw URL, so `/%61pi/...` is the same
// route as `/api/...`), and before the body is read, so a refused caller costs no parsing.
import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import { authenticateToken, SCOPE_AREAS, scopesAllow, type TokenCheck } from '../customers/index.ts';
import { readIntakeWithToken, type IntakeRead } from '../tickets/index.ts';
import { ForbiddenError, UnauthenticatedError } from '../platform/errors.ts';
import type { Actor } from '../platform/context.ts';
import type { Clock } from '../platform/clock.ts';
import type { Db } from '../platform/db.ts';
import type { Access, Audience } from './route-kit.ts';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    /** Intake's read, made with the token check on a route declaring `intakeWithToken` (null: not a contact's token). */
    intake?: IntakeRead | null;
  }
  interface FastifyInstance {
    /** Every registered route and who may call it: the table the access tests check. */
    accessTable: Array<{ method: string; url: string; access: Access; page?: true }>;
  }
}

const BEARER = /^Bearer ([A-Za-z0-9_\-.~+/]{1,512}=*)$/;

export interface AccessOptions {
  /**
   * Route prefixes registered by third-party plugins (the API docs) that are public by
   * declaration here, because their routes cannot carry our config.
   */
  publicPrefixes: readonly string[];
  /**
   * Resolves the browser session a request carries (its cookie) to the signed-in actor, or null.
   * Routes declaring `config.session` (the web pages) are checked with it instead of a bearer token,
   * under the same declared audiences.
   */
  session?: (request: FastifyRequest) => Promise<Actor | null>;
}

function audienceOf(actor: Actor): Audience | null {
  if (actor.kind === 'contact') return 'contact';
  if (actor.kind === 'agent') return actor.role;
  return null;
}

function describe(access: Access, identify: boolean): string {
  if (access === 'public') {
    return identify ? 'Public: no token needed; a token, when sent, must be valid and identifies the caller.' : 'Public: no token needed.';
  }
  const who = access.map((a) => (a === 'contact' ? 'contacts (their own organization only)' : a.replace('_', ' '))).join(', ');
  return `Who may call: ${who}.`;
}

const described = new WeakSet<object>();

/** The area of the API an operation is in (its first OpenAPI tag), which token scopes name. */
function areaOf(schema: unknown): string | undefined {
  return (schema as { tags?: string[] } | undefined)?.tags?.[0];
}

/** Refuses undeclared routes at registration and fills in their OpenAPI security. Returns the access. */
function declareRoute(route: RouteOptions, options: AccessOptions): Access {
  const config = (route.config ?? {}) as { access?: Access; identify?: boolean; session?: boolean };
  const url = route.url ?? '';
  if (config.access === undefined && options.publicPrefixes.some((p) => url === p || url.startsWith(`${p}/`))) {
    route.config = { ...config, access: 'public' };
    return 'public';
  }
  if (config.access === undefined) {
    throw new Error(`Route ${String(route.method)} ${url} declares no access (config.access): refusing to start`);
  }
  const schema = (route.schema ?? {}) as Record<string, unknown>;
  // An operation a token calls is in an area its scopes can name (customers/token-scopes.ts): deny by default.
  const area = areaOf(schema);
  if (config.access !== 'public' && !config.session && !(SCOPE_AREAS as readonly string[]).includes(area ?? '')) {
    throw new Error(`Route ${String(route.method)} ${url} is in no area token scopes name (its first tag: ${area ?? 'none'}): refusing to start`);
  }
  // A GET's automatic HEAD route shares its schema: describe it once.
  if (schema.hide || described.has(schema)) return config.access;
  described.add(schema);
  // The OpenAPI document says the same as the check: public operations carry an empty security list,
  // or "none or a bearer token" when they identify a caller who sends one.
  const identify = config.access === 'public' && config.identify === true;
  schema.security = config.access === 'public' ? (identify ? [{}, { bearerAuth: [] }] : []) : [{ bearerAuth: [] }];
  const summary = typeof schema.description === 'string' ? `${schema.description}\n\n` : '';
  const reads = [route.method].flat().every((m) => m === 'GET' || m === 'HEAD');
  const scope = config.access === 'public' ? '' : reads ? ` Token scope: \`${area}:read\` (or \`${area}:write\`).` : ` Token scope: \`${area}:write\`.`;
  schema.description = `${summary}${describe(config.access, identify)}${scope}`;
  route.schema = schema;
  return config.access;
}

export function registerAccess(app: FastifyInstance, deps: { db: Db; clock: Clock }, options: AccessOptions): void {
  app.decorateRequest('actor', null);
  app.decorate('accessTable', []);
  app.addHook('onRoute', (route) => {
    const access = declareRoute(route, options);
    // Web pages (config.session) are HTML, not API operations: marked so the API document's check can leave them out.
    const page = (route.config as { session?: boolean } | undefined)?.session ? { page: true as const } : {};
    for (const method of [route.method].flat()) app.accessTable.push({ method: String(method), url: route.url, access, ...page });
  });

  app.addHook('onRequest', async (request) => {
    // The not-found handler answers on its own; there is no route whose access could apply.
    if (request.is404) return;
    const access = request.routeOptions.config.access;
    if (request.routeOptions.config.session && access !== undefined) {
      // A web page: the cookie session is the credential; no session on a signed-in page is 401
      // (the pages answer it with a redirect to /login), the wrong audience 403, as for the API.
      const actor = options.session ? await options.session(request) : null;
      request.actor = actor;
      if (access === 'public') return;
      if (!actor) throw new UnauthenticatedError('Sign in to see this page');
      const audience = audienceOf(actor);
      if (!audience || !access.includes(audience)) {
        throw new ForbiddenError(actor.kind === 'contact' ? 'Contacts may not see this page' : 'Your role may not see this page');
      }
      return;
    }
    if (access === 'public') {
      // A public route that identifies: an absent token is anonymous; a token sent must be good.
      const identify = request.routeOptions.config.identify && request.headers.authorization !== undefined;
      if (identify) request.actor = (await authenticate(request, deps)).actor;
      return;
    }
    if (access === undefined) throw new ForbiddenError('This route declares no access');
    const { actor, readOnly, scopes } = await authenticate(request, deps);
    const reading = request.method === 'GET' || request.method === 'HEAD';
    // A read-only token (for a reporting tool) reads and nothing else, whoever holds it.
    if (readOnly && !reading) {
      throw new ForbiddenError('This API token may only read (GET); create a token that may write for this');
    }
    // A token with scopes calls only the areas they name (customers/token-scopes.ts).
    const area = areaOf(request.routeOptions.schema) ?? '';
    if (!scopesAllow(scopes, area, reading)) {
      throw new ForbiddenError(`This API token's scopes (${scopes?.join(', ')}) do not include ${reading ? `${area}:read or ` : ''}${area}:write`);
    }
    const audience = audienceOf(actor);
    if (!audience || !access.includes(audience)) {
      throw new ForbiddenError(actor.kind === 'contact' ? 'Contacts may not use this route' : 'Your role may not use this route');
    }
    request.actor = actor;
  });
}

async function authenticate(request: FastifyRequest, deps: { db: Db; clock: Clock }): Promise<{ actor: Actor; readOnly: boolean; scopes: string[] | null }> {
  const header = request.headers.authorization;
  if (!header) throw new UnauthenticatedError('Send an API token: Authorization: Bearer <token>');
  const match = BEARER.exec(header);
  if (!match) {
    throw new UnauthenticatedError('The Authorization header must be: Bearer <token>', [
      { path: 'headers.authorization', message: 'not a bearer token' },
    ]);
  }
  let result: TokenCheck;
  if (request.routeOptions.config.intakeWithToken) {
    const read = await readIntakeWithToken(deps.db, deps.clock, match[1]);
    result = read.check;
    request.intake = read.intake;
  } else result = await authenticateToken(deps.db, deps.clock, match[1]);
  if (result.status === 'expired') throw new UnauthenticatedError('The API token has expired; create a new one');
  if (result.status !== 'valid') throw new UnauthenticatedError('The API token is not valid or was revoked');
  return { actor: result.actor, readOnly: result.readOnly, scopes: result.scopes };
}

/** The authenticated actor; a route that is not public always has one. */
export function requireActor(request: FastifyRequest): Actor {
  if (!request.actor) throw new UnauthenticatedError('Authentication required');
  return request.actor;
}

// The public status page: server-rendered pages under /status (usable without JavaScript), the
// Atom and iCalendar feeds, the subscriber links, and Atlassian Statuspage's v2 public API under
// /api/v2. All public; every read is served from the cached public state (status/public-state.ts).
// Forms post application/x-www-form-urlencoded, which only these routes accept.
import { isUtf8 } from 'node:buffer';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  atomFeed, historyMonth, maintenanceCalendar, memo, monthEntries, publicEntry, publicState, renderHistory, renderIncident, renderIndex,
  renderMessage, requireStatusPage, statusAsset, subscribe, V2_PATHS, v2Body, takeRateLimit, CONFIRM_LINK_HOURS, type MessageForm, type PublicState,
  type StatusPageConfig,
} from '../status/index.ts';
import { InvalidInputError, LimitExceededError, NotFoundError } from '../platform/errors.ts';
import { envelopeOf } from './error-handler.ts';
import { errorResponses, readCtxFor, uuid } from './route-kit.ts';
import type { RouteDeps } from './route-kit.ts';
import { V2_SCHEMAS } from './status-v2-schemas.ts';
import { registerCustomerNoticeRoutes } from './customer-notice-routes.ts';
import { linkRefusalPage, registerSubscriberLinkRoutes } from './status-link-routes.ts';

export type StatusRouteDeps = RouteDeps & { baseUrl: string };

const tags = ['status'];
const FORM = 'application/x-www-form-urlencoded';
// Subscribe requests per client address per window: enough for a person, too few for a mail cannon.
const SUBSCRIBE_WINDOW = { limit: 10, window: Temporal.Duration.from({ minutes: 15 }) };
const ARRAY_FIELDS = new Set(['components']);

const html = { 200: { type: 'string', description: 'An HTML page (or the feed, for the feeds)' } } as const;
const subscribeBody = {
  type: 'object',
  additionalProperties: false,
  required: ['email'],
  properties: {
    email: { type: 'string', minLength: 3, maxLength: 254 },
    components: { type: 'array', maxItems: 50, items: { type: 'string', minLength: 1, maxLength: 100 }, description: 'none: every component' },
  },
} as const;
const accepted = { 202: { type: 'object', required: ['message'], properties: { message: { type: 'string' } } } } as const;
const SUBSCRIBE_ANSWER = `If the address can receive mail, a confirmation link is on its way; it works for ${CONFIRM_LINK_HOURS} hours.`;

function sendHtml(reply: FastifyReply, body: string, code = 200) {
  return reply.code(code).header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-cache').send(body);
}

// A browser (it asks for HTML) gets a refusal as a page; API clients get the usual envelope.
const wantsHtml = (request: FastifyRequest) => /text\/html/.test(request.headers.accept ?? '') && request.url.startsWith('/status');

const PUBLIC = { access: 'public' } as const;

/** The schema of a route answering a page (or a feed: text either way). */
function htmlSchema(operationId: string, summary: string, extra: Record<string, unknown> = {}) {
  return { operationId, tags, summary, response: { ...html, ...errorResponses }, ...extra };
}

/** 'scheduled-maintenances/upcoming.json' -> 'statuspageScheduledMaintenancesUpcoming'. */
function v2OperationId(path: string): string {
  return `statuspage${path.replace(/\.json$/, '').split(/[^a-z]+/).map((w) => w[0].toUpperCase() + w.slice(1)).join('')}`;
}

// The fields of the page's forms and query by the words the page shows.
const FIELD_NAMES: Record<string, string> = { email: 'Email address', components: 'Components', month: 'Month', body: 'The form' };

/** A refusal in words: its message, then each problem under the field's name (once, when the message says it already). */
function refusalLines(body: { message: string; details: Array<{ path: string; message: string }> }): string[] {
  const problems = body.details.map((d) => {
    const field = d.path.replace(/^(querystring|params)\./, '').split('.')[0];
    return `${FIELD_NAMES[field] ?? field}: ${d.message}`;
  });
  return [...new Set([body.message, ...problems])];
}

const isForm = (request: FastifyRequest) => (request.headers['content-type'] ?? '').toLowerCase().startsWith(FORM);

/**
 * A subscribe form the browser let through and the desk refused ("a@b" is an email to a browser):
 * the form again, with the address typed and the components ticked, so nothing is typed twice. Null
 * for any other request, or a list the page does not have.
 */
function subscribeFormAgain(page: StatusPageConfig, request: FastifyRequest): MessageForm | null {
  if (request.method !== 'POST' || !isForm(request)) return null;
  const path = request.url.split('?')[0];
  const body = (request.body ?? {}) as { email?: unknown; components?: unknown };
  const email = typeof body.email === 'string' ? body.email : '';
  if (path === '/status/subscribe') {
    const chosen = new Set(Array.isArray(body.components) ? body.components : []);
    const components = page.components.map((c) => ({ id: c.id, name: c.name, checked: chosen.has(c.id) }));
    return { action: path, button: 'Subscribe via email', email, components };
  }
  const list = page.lists.find((l) => path === `/status/lists/${encodeURIComponent(l.id)}/subscribe`);
  return list ? { action: path, button: `Subscribe to ${list.name}`, email } : null;
}

export function registerStatusPageRoutes(app: FastifyInstance, deps: StatusRouteDeps): void {
  const settings = { baseUrl: deps.baseUrl };
  const state = (request: FastifyRequest) => publicState(readCtxFor(request, deps));

  app.register(async (scope) => {
    scope.setErrorHandler(async (error, request, reply) => {
      const { status, body } = envelopeOf(error, request);
      const page = status < 500 && wantsHtml(request) ? await requireStatusPage(deps.db).catch(() => null) : null;
      // Thrown on: the app's error handler answers with the envelope.
      if (!page) throw error;
      const linkPage = linkRefusalPage(page, request, status, body.message);
      if (linkPage) return sendHtml(reply, linkPage, status);
      // A link whose id could name nothing (cut short, mistyped) is a page that is not there, as an
      // unknown id is: "not found", never a schema's words about the address (QA).
      if ((error as { validationContext?: string }).validationContext === 'params') {
        return sendHtml(reply, renderMessage(page, 'Not found', ['There is nothing at this address on the status page: the link may have been cut short or mistyped.']), 404);
      }
      const form = status === 400 ? subscribeFormAgain(page, request) : null;
      return sendHtml(reply, renderMessage(page, status === 429 ? 'Please wait' : status === 404 ? 'Not found' : 'That did not work', refusalLines(body), form ? { form } : {}), status);
    });

    // HTML forms and RFC 8058 one-click posts: text fields, "components" always a list.
    scope.addContentTypeParser(FORM, { parseAs: 'buffer' }, (_request, body, done) => {
      if (!isUtf8(body as Buffer)) {
        return done(new InvalidInputError('The body is not valid UTF-8', [{ path: 'body', message: 'is not valid UTF-8' }]), undefined);
      }
      const form = new URLSearchParams((body as Buffer).toString('utf8'));
      const out: Record<string, string | string[]> = {};
      for (const key of new Set(form.keys())) out[key] = ARRAY_FIELDS.has(key) ? form.getAll(key).filter((v) => v !== '') : form.get(key)!;
      done(null, out);
    });

    scope.get('/status', { config: PUBLIC, schema: htmlSchema('statusPage', 'The status page (HTML)') },
      async (request, reply) => {
        const s = await state(request);
        return sendHtml(reply, memo(s, 'index', () => renderIndex(s)));
      });

    scope.get<{ Params: { id: string } }>('/status/incidents/:id', {
      config: { access: 'public' },
      schema: htmlSchema('statusIncidentPage', "An incident's or maintenance's timeline and postmortem (HTML)", {
        params: { type: 'object', required: ['id'], properties: { id: uuid } },
      }),
    }, async (request, reply) => {
      const s = await state(request);
      return sendHtml(reply, renderIncident(s, await publicEntry(readCtxFor(request, deps), s, request.params.id)));
    });

    scope.get<{ Querystring: { month?: string } }>('/status/history', {
      config: { access: 'public' },
      schema: {
        operationId: 'statusHistory', tags, summary: 'Incidents and maintenance of one month (HTML)',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { month: { type: 'string', description: "YYYY-MM in the page's time zone, from 2000 to 2199; default: this month there" } },
        },
        response: { ...html, ...errorResponses },
      },
    }, async (request, reply) => {
      const s = await state(request);
      const current = historyMonth(undefined, s.now, s.page.zone.timeZone);
      const month = historyMonth(request.query.month, s.now, s.page.zone.timeZone);
      return sendHtml(reply, renderHistory(s.page, month, current, await monthEntries(readCtxFor(request, deps).db, s.page, month.toString())));
    });

    scope.get('/status/feed.atom', { config: PUBLIC, schema: htmlSchema('statusAtom', 'Atom feed of incidents and maintenance') },
      async (request, reply) => {
        const s = await state(request);
        return reply.header('content-type', 'application/atom+xml; charset=utf-8').header('cross-origin-resource-policy', 'cross-origin')
          .send(memo(s, 'atom', () => atomFeed(s, settings)));
      });

    scope.get('/status/maintenance.ics', { config: PUBLIC, schema: htmlSchema('statusCalendar', 'iCalendar feed of maintenance windows') },
      async (request, reply) => {
        const s = await state(request);
        if (!s.page.publishes.maintenance) throw new NotFoundError('This status page publishes no maintenance');
        return reply.header('content-type', 'text/calendar; charset=utf-8').header('cross-origin-resource-policy', 'cross-origin')
          .send(memo(s, 'ics', () => maintenanceCalendar(s, settings)));
      });

    scope.get<{ Params: { name: string } }>('/status/assets/:name', {
      config: { access: 'public' },
      schema: {
        operationId: 'statusAsset', tags, summary: "The page's stylesheet and its one script (self-hosted)",
        params: { type: 'object', required: ['name'], properties: { name: { type: 'string', enum: ['status.css', 'local-time.js'] } } },
        response: { 200: { type: 'string' }, ...errorResponses },
      },
    }, async (request, reply) => {
      const asset = statusAsset(request.params.name);
      if (!asset) throw new NotFoundError('No such asset');
      return reply.header('content-type', asset.type).header('cache-control', 'public, max-age=3600').send(asset.body);
    });

    // One window per form and client address, counted in the database: the status page's form, and
    // one for all the notice lists (a list name in the key would give a fresh window per made-up name).
    const subscribeRoute = (form: string, list: (request: FastifyRequest) => string) => {
      return async (request: FastifyRequest, reply: FastifyReply) => {
        if (!(await takeRateLimit(deps.db, `subscribe:${form}:${request.ip}`, SUBSCRIBE_WINDOW, deps.clock.now()))) {
          throw new LimitExceededError('Too many subscription requests from this address; try again in a quarter of an hour');
        }
        const body = request.body as { email: string; components?: string[] };
        const ctx = readCtxFor(request, deps);
        await subscribe({ ctx, input: { email: body.email, components: body.components, list: list(request) }, settings });
        if (!isForm(request)) return reply.code(202).send({ message: SUBSCRIBE_ANSWER });
        return sendHtml(reply, renderMessage(await requireStatusPage(ctx.db), 'Check your email', [SUBSCRIBE_ANSWER]), 202);
      };
    };

    scope.post('/status/subscribe', {
      config: { access: 'public' },
      schema: {
        operationId: 'statusSubscribe', tags, summary: 'Subscribe an email address (double opt-in)',
        description: 'Answers the same for any address; rate limited per client address. JSON or an HTML form post.',
        body: subscribeBody, response: { ...accepted, ...errorResponses },
      },
    }, subscribeRoute('status', () => 'status'));

    scope.post<{ Params: { list: string } }>('/status/lists/:list/subscribe', {
      config: { access: 'public' },
      schema: {
        operationId: 'noticeListSubscribe', tags, summary: "Subscribe to one of the policy's notice lists (e.g. subprocessor changes)",
        params: { type: 'object', required: ['list'], properties: { list: { type: 'string', minLength: 1, maxLength: 100 } } },
        body: { ...subscribeBody, properties: { email: subscribeBody.properties.email } }, response: { ...accepted, ...errorResponses },
      },
    }, subscribeRoute('lists', (request) => (request.params as { list: string }).list));

    registerSubscriberLinkRoutes(scope, deps);
    registerCustomerNoticeRoutes(scope, deps);

    for (const path of V2_PATHS) {
      scope.get(`/api/v2/${path}`, {
        config: { access: 'public' },
        schema: { operationId: v2OperationId(path), tags: ['statuspage'], summary: `Statuspage v2: ${path}`, response: { 200: V2_SCHEMAS[path], ...errorResponses } },
      }, async (request, reply) => {
        const s: PublicState = await state(request);
        // Widgets on other sites read this API: open to every origin, as Statuspage's is.
        return reply.header('content-type', 'application/json; charset=utf-8').header('access-control-allow-origin', '*')
          .header('cross-origin-resource-policy', 'cross-origin')
          .send(memo(s, `v2:${path}`, () => JSON.stringify(v2Body(s, path, settings))));
      });
    }
  });
}

// An in-process app (the ticket app of the HTTP suites) whose people can sign in to the pages:
// each gets a password, and `signInAs` returns a cookie jar holding a session and its CSRF token.
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { hashPassword } from '../../src/customers/index.ts';
import { createSession } from '../../src/web/index.ts';
import { openTicketApp, type Person, type TicketApp } from '../http/ticket-app.ts';
import type { AppDeps } from '../../src/http/index.ts';

export const PASSWORD = 'correct horse battery';

export type SentFile = { name: string; content: Uint8Array<ArrayBuffer> | string; type?: string; field?: string };

export type Browserless = {
  cookie: string;
  csrf: string;
  get(url: string, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  /** A field given as an array is sent once per value (checkboxes of one name). */
  post(url: string, form: Record<string, string | string[]>, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  /** The form as multipart/form-data (as a browser sends a form with a file input), each file under `files`; an array field once per value. */
  upload(url: string, form: Record<string, string | string[]>, files: SentFile[], options?: { csrf?: boolean }): Promise<LightMyRequestResponse>;
};

export type WebApp = TicketApp & {
  /** A session for a person, made directly (no password check): what the sign-in page would give. */
  session(who: Person, kind: 'agent' | 'contact'): Promise<Browserless>;
  /** A visitor without a session, holding the anonymous CSRF cookie from the sign-in page. */
  visitor(): Promise<Browserless>;
};

function client(h: TicketApp, cookie: string, csrf: string): Browserless {
  const inject = (o: InjectOptions) => h.app.inject({ ...o, headers: { cookie, ...(o.headers ?? {}) } });
  return {
    cookie,
    csrf,
    get: (url, headers = {}) => inject({ method: 'GET', url, headers }),
    post: (url, form, headers = {}) =>
      inject({
        method: 'POST', url, headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
        payload: new URLSearchParams(Object.entries({ _csrf: csrf, ...form }).flatMap(([k, v]) => (Array.isArray(v) ? v : [v]).map((one) => [k, one]))).toString(),
      }),
    async upload(url, form, files, options = {}) {
      const data = new FormData();
      for (const [k, v] of Object.entries({ ...(options.csrf === false ? {} : { _csrf: csrf }), ...form })) for (const one of Array.isArray(v) ? v : [v]) data.append(k, one);
      // A file input left empty: a part with no name and no bytes, as browsers send it.
      for (const f of files) data.append(f.field ?? 'files', new Blob([f.content], { type: f.type ?? 'application/octet-stream' }), f.name);
      const encoded = new Request('http://localhost/', { method: 'POST', body: data });
      return inject({ method: 'POST', url, payload: Buffer.from(await encoded.arrayBuffer()), headers: { 'content-type': encoded.headers.get('content-type') ?? '' } });
    },
  };
}

export async function openWebApp(policy = 'openback', plan = 'enterprise', appDeps: Partial<AppDeps> = {}): Promise<WebApp> {
  const h = await openTicketApp(policy, plan, appDeps);
  const hash = await hashPassword(PASSWORD);
  await h.desk.t.db.query('UPDATE agents SET password_hash = $1', [hash]);
  await h.desk.t.db.query('UPDATE contacts SET password_hash = $1', [hash]);
  return Object.assign(h, {
    async session(who: Person, kind: 'agent' | 'contact') {
      const { token, csrf } = await createSession(h.desk.t.db, h.desk.clock, { kind, id: who.id });
      return client(h, `accord_session=${token}`, csrf);
    },
    async visitor() {
      const res = await h.app.inject({ method: 'GET', url: '/login' });
      const set = String(res.headers['set-cookie'] ?? '');
      const csrf = /accord_csrf=([^;]+)/.exec(set)?.[1] ?? '';
      return client(h, `accord_csrf=${csrf}`, csrf);
    },
  });
}

/** The Set-Cookie lines of a response, as one list. */
export function setCookies(res: LightMyRequestResponse): string[] {
  const v = res.headers['set-cookie'];
  return v === undefined ? [] : Array.isArray(v) ? v : [String(v)];
}

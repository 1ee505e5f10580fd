// The admin pages' suites begin alike: an OpenBack desk (Enterprise) opened before their tests, its
// admin signed in, closed after them.
import { after, before } from 'node:test';
import { openWebApp, type Browserless, type WebApp } from './web-app.ts';
import { main } from './page-parts.ts';

/**
 * An object that stands for the one `get` answers when it is read: made in a before hook, read in
 * the tests (its methods called on it, not on the stand-in).
 */
function late<T extends object>(get: () => T | undefined): T {
  const real = (): T => {
    const value = get();
    if (value === undefined) throw new Error('read before the suite opened the desk');
    return value;
  };
  return new Proxy({} as T, {
    get: (_, key) => {
      const value: unknown = Reflect.get(real(), key);
      return typeof value === 'function' ? value.bind(real()) : value;
    },
  });
}

/**
 * For the calling describe: `h` the app, opened before its tests (and closed after); `a` its
 * admin's session; `mainAt(url)` the main part of a page the admin GETs.
 */
export function adminDesk(policy = 'openback', plan = 'enterprise'): { h: WebApp; a: Browserless; mainAt(url: string): Promise<string> } {
  let app: WebApp | undefined;
  let session: Browserless | undefined;
  before(async () => {
    app = await openWebApp(policy, plan);
    session = await app.session(app.admin, 'agent');
  });
  after(() => app?.close());
  const a = late(() => session);
  return { h: late(() => app), a, mainAt: async (url) => main((await a.get(url)).body) };
}

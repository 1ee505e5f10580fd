// The admin pages' suites begin alike: an OpenBack desk (Enterprise) opened before their tests, its
// admin signed in, closed after them.
import { after, before } from 'node:test';
import { openWebApp, type Browserless, type WebApp } from './web-app.ts';
import { main } from './page-parts.ts';

export type AdminDesk = {
  /** The app, opened before the suite's tests (read it in them, not while the describe runs). */
  app: WebApp;
  /** Its admin's session, made with it. */
  session: Browserless;
  /** The main part of a page the admin GETs. */
  mainAt(url: string): Promise<string>;
};

/** For the calling describe: the desk its tests read, filled in a before hook and closed after them. */
export function adminDesk(policy = 'openback', plan = 'enterprise'): AdminDesk {
  // `app` and `session` are set by the hook below, before any test reads them.
  const desk = { mainAt: async (url: string) => main((await desk.session.get(url)).body) } as AdminDesk;
  before(async () => {
    desk.app = await openWebApp(policy, plan);
    desk.session = await desk.app.session(desk.app.admin, 'agent');
  });
  after(() => desk.app?.close());
  return desk;
}

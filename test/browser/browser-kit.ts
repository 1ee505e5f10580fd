// Browser tests drive Debian's Chromium (/usr/bin/chromium; .ci/run installs it) through
// playwright-core; a browser is never downloaded. Each run gets a fresh profile directory.
// The app under test is the in-process web app, listening on a free loopback port.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { openWebApp, PASSWORD, type WebApp } from '../web/web-app.ts';

export const CHROMIUM = '/usr/bin/chromium';
export const SCREENSHOTS = new URL('../../test-results/screenshots/', import.meta.url);

const ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

export type Site = { h: WebApp; url: string; context: BrowserContext; close: () => Promise<void> };

/** `timeZone` and `locale`: the viewer's (an IANA zone, a BCP 47 tag), as the browser reports them to the page. */
export async function openSite(policy: string, plan: string, options: { javaScript?: boolean; timeZone?: string; locale?: string } = {}): Promise<Site> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium is not installed at ${CHROMIUM}: install Debian's package (apt-get install -y chromium); browsers are never downloaded`);
  }
  const h = await openWebApp(policy, plan);
  const address = await h.app.listen({ port: 0, host: '127.0.0.1' });
  const profile = mkdtempSync(join(tmpdir(), 'accord-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM, headless: true, args: ARGS, javaScriptEnabled: options.javaScript ?? true, viewport: { width: 1280, height: 900 },
    timezoneId: options.timeZone, locale: options.locale,
  });
  return {
    h, url: address, context,
    async close() {
      await context.close();
      await h.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Signs in through the form, as whoever was signed in before is forgotten (one profile per site). */
export async function signIn(page: Page, url: string, email: string, password = PASSWORD): Promise<void> {
  await page.context().clearCookies();
  await page.goto(`${url}/login`);
  await page.fill('#email', email);
  await page.fill('#password', password);
  await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/login')), page.click('button[type=submit]:has-text("Sign in")')]);
}

/** A new page signed in as `email`, with every dialog it opens recorded (and dismissed): an injected script shows up there. */
export async function signedInPage(site: Site, email: string): Promise<{ page: Page; dialogs: string[] }> {
  const page = await site.context.newPage();
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await signIn(page, site.url, email);
  return { page, dialogs };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = new URL(`${name}.png`, SCREENSHOTS).pathname;
  await page.screenshot({ path, fullPage: true });
  return path;
}

const AXE = readFileSync(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url), 'utf8');

type Violation = { id: string; impact: string | null; help: string; nodes: Array<{ target: unknown }> };

/** axe-core run in the page (evaluated through the DevTools protocol, so the page's CSP stays strict): serious and critical violations. */
export async function seriousViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  // The tests type-check without the DOM library: the page's globals are reached through globalThis.
  const violations = await page.evaluate(async () => {
    const g = globalThis as unknown as { axe: { run: (context: unknown, options: object) => Promise<{ violations: Violation[] }> }; document: unknown };
    const result = await g.axe.run(g.document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => JSON.stringify(n.target)) }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.slice(0, 3).join(', ')}`);
}

// An in-process app on a fresh test database, with a bearer token for each kind of actor.
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/http/index.ts';
import { TestClock } from '../../src/platform/clock.ts';
import { silentLogger } from '../../src/platform/logger.ts';
import type { AppDeps } from '../../src/http/index.ts';
import { openTestDb } from './test-db.ts';
import type { TestDb } from './test-db.ts';
import { seedAgent, seedContact, seedOrganization, seedToken } from './fixtures.ts';

export interface TestApp {
  t: TestDb;
  app: FastifyInstance;
  clock: TestClock;
  organizationId: string;
  tokens: { admin: string; manager: string; frontLine: string; contact: string };
  ids: { admin: string; manager: string; frontLine: string; contact: string };
  /** app.inject with `Authorization: Bearer <token>` added. */
  as(token: string, options: InjectOptions): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

export async function openTestApp(overrides: Partial<AppDeps> = {}): Promise<TestApp> {
  const t = await openTestDb();
  const clock = new TestClock('2025-01-06T09:00:00Z');
  const app = await buildApp({ db: t.db, clock, logger: silentLogger(), ...overrides });
  const admin = await seedAgent(t.db, 'admin');
  const manager = await seedAgent(t.db, 'manager');
  const frontLine = await seedAgent(t.db, 'front_line');
  const org = await seedOrganization(t.db);
  const contact = await seedContact(t.db, org.id);
  return {
    t,
    app,
    clock,
    organizationId: org.id,
    tokens: {
      admin: await seedToken(t.db, admin),
      manager: await seedToken(t.db, manager),
      frontLine: await seedToken(t.db, frontLine),
      contact: await seedToken(t.db, contact),
    },
    ids: { admin: admin.id, manager: manager.id, frontLine: frontLine.id, contact: contact.id },
    as: (token, options) =>
      app.inject({ ...options, headers: { ...options.headers, authorization: `Bearer ${token}` } }),
    async close() {
      await app.close();
      await t.close();
    },
  };
}

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createContact, listContacts, verifyPassword } from '../../src/customers/index.ts';
import { parse, stringify } from 'yaml';
import { ConflictError, ForbiddenError, InvalidInputError, LimitExceededError, NotFoundError } from '../../src/platform/errors.ts';
import { activatePolicy } from '../../src/policy-versions/index.ts';
import { examplePolicySource } from '../support/desk.ts';
import { openTestDb } from '../support/test-db.ts';
import { seedAgent, seedContact, seedOrganization, systemActor, testCtx, uniqueEmail } from '../support/fixtures.ts';
import type { TestDb } from '../support/test-db.ts';

describe('contacts', () => {
  let t: TestDb;
  before(async () => {
    t = await openTestDb();
  });
  after(() => t.close());

  it('a manager creates a contact; the email is lower-cased and the password hashed', async () => {
    const manager = await seedAgent(t.db, 'manager');
    const org = await seedOrganization(t.db);
    const contact = await createContact({
      ctx: testCtx(t.db, manager.actor),
      input: { organizationId: org.id, email: 'Ada@Example.COM', name: 'Ada', password: 'correct horse battery' },
    });
    assert.equal(contact.email, 'ada@example.com');
    assert.equal('passwordHash' in contact, false);
    const { rows } = await t.db.query<{ password_hash: string }>('SELECT password_hash FROM contacts WHERE id = $1', [contact.id]);
    assert.ok(await verifyPassword('correct horse battery', rows[0].password_hash));
    assert.equal(await verifyPassword('wrong horse battery', rows[0].password_hash), false);
    const audit = await t.db.query("SELECT 1 FROM audit_events WHERE type = 'contact.created' AND subject_id = $1", [contact.id]);
    assert.equal(audit.rows.length, 1);
  });

  it('is refused for the wrong actor: a front-line agent or a contact', async () => {
    const org = await seedOrganization(t.db);
    const frontLine = await seedAgent(t.db, 'front_line');
    const contact = await seedContact(t.db, org.id);
    for (const actor of [frontLine.actor, contact.actor]) {
      await assert.rejects(
        createContact({ ctx: testCtx(t.db, actor), input: { organizationId: org.id, email: uniqueEmail('x'), name: 'X' } }),
        ForbiddenError,
      );
    }
  });

  it('refuses a duplicate email, including an agent email, as a conflict on the email field', async () => {
    const admin = await seedAgent(t.db, 'admin');
    const org = await seedOrganization(t.db);
    const ctx = testCtx(t.db, admin.actor);
    const existing = await seedContact(t.db, org.id);
    for (const email of [existing.email.toUpperCase(), admin.email]) {
      await assert.rejects(
        createContact({ ctx, input: { organizationId: org.id, email, name: 'Dup' } }),
        (error: unknown) => error instanceof ConflictError && error.details[0].path === 'email',
      );
    }
  });

  it('refuses an unknown organization as not found', async () => {
    const admin = await seedAgent(t.db, 'admin');
    await assert.rejects(
      createContact({
        ctx: testCtx(t.db, admin.actor),
        input: { organizationId: crypto.randomUUID(), email: uniqueEmail('n'), name: 'N' },
      }),
      NotFoundError,
    );
  });

  it("enforces the plan's named contact limit, even under concurrent creations", async () => {
    const admin = await seedAgent(t.db, 'admin');
    const org = await seedOrganization(t.db, 'starter');
    // The limit comes from the active policy: the fixtures' plans, "starter" allowing two.
    const file = parse(examplePolicySource('officespace'));
    file.plans = [{ ...file.plans[0], id: 'business', named_contacts: null }, { ...file.plans[0], id: 'starter', named_contacts: 2 }];
    await activatePolicy({ ctx: testCtx(t.db, systemActor), input: { source: stringify(file) } });
    const ctx = testCtx(t.db, admin.actor);
    const attempts = await Promise.allSettled(
      [1, 2, 3, 4].map(() =>
        createContact({ ctx, input: { organizationId: org.id, email: uniqueEmail('named'), name: 'N', namedContact: true } }),
      ),
    );
    assert.equal(attempts.filter((a) => a.status === 'fulfilled').length, 2);
    for (const a of attempts.filter((a) => a.status === 'rejected')) assert.ok(a.reason instanceof LimitExceededError);
    // Contacts that are not named support contacts do not count.
    await createContact({ ctx, input: { organizationId: org.id, email: uniqueEmail('plain'), name: 'P' } });
    // A plan without named contacts refuses naming one.
    const business = await seedOrganization(t.db, 'business');
    await assert.rejects(
      createContact({ ctx, input: { organizationId: business.id, email: uniqueEmail('named'), name: 'N', namedContact: true } }),
      (error: unknown) => error instanceof InvalidInputError && error.details[0].path === 'namedContact',
    );
  });

  it('lists: an agent filters by organization; a contact sees only its own and gets 404 for another', async () => {
    const agent = await seedAgent(t.db, 'front_line');
    const orgA = await seedOrganization(t.db);
    const orgB = await seedOrganization(t.db);
    const a = await seedContact(t.db, orgA.id);
    await seedContact(t.db, orgB.id);
    const byAgent = await listContacts({ ctx: testCtx(t.db, agent.actor), input: { organizationId: orgA.id } });
    assert.deepEqual(
      byAgent.items.map((c) => c.id),
      [a.id],
    );
    const own = await listContacts({ ctx: testCtx(t.db, a.actor), input: {} });
    assert.ok(own.items.every((c) => c.organizationId === orgA.id));
    await assert.rejects(listContacts({ ctx: testCtx(t.db, a.actor), input: { organizationId: orgB.id } }), NotFoundError);
  });
});

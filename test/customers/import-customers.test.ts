// Importing a customer list (CSV) on OpenBack: Growth has no named contacts, Pro 1, Enterprise 2.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createContact, importCustomers, ImportRefusedError, MAX_IMPORT_ROWS, type OnContactCreated } from '../../src/customers/index.ts';
import { ForbiddenError, InvalidInputError } from '../../src/platform/errors.ts';
import { openDesk, type Desk } from '../support/desk.ts';

const HEADER = 'organization,plan,name,email,named_contact,onboarding,existing_customer';
const csvOf = (...lines: string[]) => [HEADER, ...lines].join('\n') + '\n';

async function counts(desk: Desk) {
  const o = await desk.t.db.query<{ n: number }>("SELECT count(*)::int AS n FROM organizations WHERE name LIKE 'Imp%'");
  const c = await desk.t.db.query<{ n: number }>("SELECT count(*)::int AS n FROM contacts WHERE email LIKE '%@imp.example'");
  return { orgs: Number(o.rows[0].n), contacts: Number(c.rows[0].n) };
}

async function problemsOf(promise: Promise<unknown>) {
  let refused: ImportRefusedError | null = null;
  await assert.rejects(promise, (error: unknown) => {
    refused = error instanceof ImportRefusedError ? error : null;
    return refused !== null;
  });
  return refused!.problems.map((p) => ({ line: p.line, column: p.column }));
}

describe('customer import (CSV)', () => {
  let desk: Desk;
  before(async () => {
    desk = await openDesk('openback');
  });
  after(() => desk.close());

  it('imports a clean file: organizations (plan by id or by name, any case) and their contacts, audited', async () => {
    const csv = csvOf(
      'Imp Alpha,pro,Ada Alpha,ada@imp.example,yes,complete,no',
      'Imp Alpha,Pro,Bob Alpha,BOB@imp.example,,,',
      'Imp Beta,ENTERPRISE,Cy Beta,cy@imp.example,yes,,yes',
      'Imp Beta,,Di Beta,di@imp.example,yes,,',
      'Imp Gamma,growth,,,,,',
    );
    const report = await importCustomers({ ctx: desk.ctx(desk.manager), input: { csv, dryRun: false } });
    assert.equal(report.imported, true);
    assert.equal(report.organizationsCreated, 3);
    assert.equal(report.contactsCreated, 4);
    assert.equal(report.unchanged, 0);
    assert.deepEqual(report.lines.map((l) => [l.line, l.action]), [
      [2, 'create_organization_and_contact'], [3, 'create_contact'], [4, 'create_organization_and_contact'], [5, 'create_contact'], [6, 'create_organization'],
    ]);
    assert.equal(report.lines[0].says, 'create organization Imp Alpha (Pro plan) and contact Ada Alpha <ada@imp.example> as a named support contact');
    const orgs = await desk.t.db.query<{ name: string; plan_id: string; onboarding_state: string; existing_customer: boolean }>(
      "SELECT name, plan_id, onboarding_state, existing_customer FROM organizations WHERE name LIKE 'Imp%' ORDER BY name",
    );
    assert.deepEqual(orgs.rows.map((o) => [o.name, o.plan_id, o.onboarding_state, o.existing_customer]), [
      ['Imp Alpha', 'pro', 'complete', false], ['Imp Beta', 'enterprise', 'incomplete', true], ['Imp Gamma', 'growth', 'incomplete', false],
    ]);
    const people = await desk.t.db.query<{ email: string; named_contact: boolean }>("SELECT email, named_contact FROM contacts WHERE email LIKE '%@imp.example' ORDER BY email");
    assert.deepEqual(people.rows.map((c) => [c.email, c.named_contact]), [['ada@imp.example', true], ['bob@imp.example', false], ['cy@imp.example', true], ['di@imp.example', true]]);
    const audit = await desk.t.db.query<{ type: string; n: number }>(
      "SELECT type, count(*)::int AS n FROM audit_events WHERE type IN ('organization.created', 'contact.created') AND actor_id = $1 GROUP BY type ORDER BY type",
      [(desk.manager as { id: string }).id],
    );
    assert.deepEqual(audit.rows.map((r) => [r.type, Number(r.n)]), [['contact.created', 4], ['organization.created', 3]]);
  });

  it('a rerun of the same file changes nothing and says so line by line', async () => {
    const before = await counts(desk);
    const csv = csvOf('Imp Alpha,pro,Ada Alpha,ada@imp.example,yes,complete,no', 'imp gamma,Growth,,,,,');
    const report = await importCustomers({ ctx: desk.ctx(desk.admin), input: { csv, dryRun: false } });
    assert.deepEqual(report.lines.map((l) => [l.action, l.says]), [
      ['unchanged', 'contact ada@imp.example already there: unchanged'],
      ['unchanged', 'organization imp gamma already there: unchanged'],
    ]);
    assert.deepEqual([report.organizationsCreated, report.contactsCreated, report.unchanged], [0, 0, 2]);
    assert.deepEqual(await counts(desk), before);
  });

  it('a person already here whose name or named flag differs in the file is left as is, and the line says how it differs', async () => {
    const before = await counts(desk);
    // ada@imp.example is "Ada Alpha", a named support contact, from the first import.
    const csv = csvOf('Imp Alpha,,Ada A. Alpha,ada@imp.example,no,,');
    const report = await importCustomers({ ctx: desk.ctx(desk.manager), input: { csv, dryRun: true } });
    assert.deepEqual(report.lines.map((l) => [l.action, l.says]), [[
      'unchanged',
      'contact ada@imp.example already there: unchanged (named Ada Alpha here, Ada A. Alpha in the file; a named support contact here, not in the file: change that on their page if meant)',
    ]]);
    assert.deepEqual(await counts(desk), before);
  });

  it('a line the desk refuses at the write (its email taken meanwhile) is reported by its line, and nothing is imported', async () => {
    const before = await counts(desk);
    const csv = csvOf('Imp Race,growth,Fay Race,fay@imp.example,,,', 'Imp Race,,Gus Race,gus@imp.example,,,');
    // Between the check and the write, someone takes gus@imp.example (here: in the import's own
    // transaction, as the first contact is created, the moment another import's commit would land).
    const taking: OnContactCreated = async (ctx, made) => {
      if (made.email === 'fay@imp.example') await createContact({ ctx, input: { organizationId: made.organizationId, name: 'Gus Elsewhere', email: 'gus@imp.example', namedContact: false } });
    };
    await assert.rejects(importCustomers({ ctx: desk.ctx(desk.manager), input: { csv, dryRun: false }, invite: taking }), (error: unknown) => {
      assert.ok(error instanceof ImportRefusedError);
      assert.deepEqual(error.problems, [{ line: 3, column: null, message: 'The email is already in use (changed meanwhile on the desk): nothing was imported; check the file again' }]);
      return true;
    });
    assert.deepEqual(await counts(desk), before);
  });

  it('a dry run reports what it would do and writes nothing', async () => {
    const before = await counts(desk);
    const report = await importCustomers({ ctx: desk.ctx(desk.manager), input: { csv: csvOf('Imp Delta,growth,Ed Delta,ed@imp.example,,,'), dryRun: true } });
    assert.equal(report.imported, false);
    assert.equal(report.dryRun, true);
    assert.deepEqual(report.lines.map((l) => l.says), ['create organization Imp Delta (Growth plan) and contact Ed Delta <ed@imp.example>']);
    assert.deepEqual(await counts(desk), before);
  });

  it('names each problem with its line and column, and writes nothing when any line has one', async () => {
    await desk.t.db.query("INSERT INTO organizations (id, name, plan_id, onboarding_state, created_at) VALUES (gen_random_uuid(), 'Other Co', 'pro', 'complete', now())");
    const other = await desk.t.db.query<{ id: string }>("SELECT id FROM organizations WHERE name = 'Other Co'");
    await desk.t.db.query("INSERT INTO contacts (id, organization_id, email, name, named_contact, created_at) VALUES (gen_random_uuid(), $1, 'taken@imp.example', 'Taken', false, now())", [other.rows[0].id]);
    const before = await counts(desk);
    const csv = csvOf(
      'Imp Good,growth,Fine Person,fine@imp.example,,,', // line 2: fine, but not written
      'Imp Epsilon,platinum,Pat,pat@imp.example,,,', // 3: unknown plan
      'Imp Zeta,pro,Zed,not-an-email,,,', // 4: bad email
      'Imp Zeta,pro,Zoe,fine@imp.example,,,', // 5: email also on line 2
      'Imp Zeta,enterprise,Zak,zak@imp.example,,,', // 6: a second plan for Imp Zeta
      'Imp Alpha,enterprise,Al,al@imp.example,,,', // 7: Imp Alpha is on Pro here
      'Imp Eta,pro,Ty,taken@imp.example,,,', // 8: a contact of Other Co
      'Imp Eta,pro,Agent,agent@vendor.example,,,', // 9: an agent's address
      'Imp Alpha,,Named Two,two@imp.example,yes,,', // 10: Pro allows 1, Ada is named already
      'Imp Gamma,growth,Named,named@imp.example,yes,,', // 11: Growth has none
      'Imp Theta,pro,Maybe,maybe@imp.example,perhaps,later,', // 12: named_contact and onboarding not understood
      'Imp Iota,,Ida,ida@imp.example,,,', // 13: a new organization without a plan
      'Imp Kappa,growth,Kim,,,,', // 14: a name without an email
    );
    assert.deepEqual(await problemsOf(importCustomers({ ctx: desk.ctx(desk.manager), input: { csv, dryRun: false } })), [
      { line: 3, column: 'plan' },
      { line: 4, column: 'email' },
      { line: 5, column: 'email' },
      { line: 6, column: 'plan' },
      { line: 7, column: 'plan' },
      { line: 8, column: 'email' },
      { line: 9, column: 'email' },
      { line: 10, column: 'named_contact' },
      { line: 11, column: 'named_contact' },
      { line: 12, column: 'onboarding' },
      { line: 12, column: 'named_contact' },
      { line: 13, column: 'plan' },
      { line: 14, column: 'email' },
    ]);
    assert.deepEqual(await counts(desk), before, 'nothing written, not even the good line');
    // The messages are words a person can act on.
    const refused = await importCustomers({ ctx: desk.ctx(desk.manager), input: { csv: csvOf('Imp Eta,pro,Ty,taken@imp.example,,,', 'Imp Alpha,enterprise,Al,al@imp.example,,,'), dryRun: true } }).catch((e: ImportRefusedError) => e);
    assert.ok(refused instanceof ImportRefusedError);
    assert.deepEqual(refused.problems.map((p) => p.message), [
      'taken@imp.example is already a contact of Other Co: one person belongs to one organization',
      'Imp Alpha is already here on the Pro plan, not Enterprise: change its plan on its page first, or give its plan in the file',
    ]);
    assert.deepEqual(refused.details.map((d) => d.path), ['line.2.email', 'line.3.plan']);
  });

  it('Enterprise takes two named contacts from the file, not three', async () => {
    const csv = csvOf('Imp Lambda,enterprise,A,a@imp.example,yes,,', 'Imp Lambda,enterprise,B,b@imp.example,yes,,', 'Imp Lambda,enterprise,C,c@imp.example,yes,,');
    assert.deepEqual(await problemsOf(importCustomers({ ctx: desk.ctx(desk.manager), input: { csv, dryRun: true } })), [{ line: 4, column: 'named_contact' }]);
  });

  it('refuses a header it does not know, and a quote never closed, naming the line', async () => {
    assert.deepEqual(await problemsOf(importCustomers({ ctx: desk.ctx(desk.manager), input: { csv: 'organization,plan,phone\nImp X,pro,123\n', dryRun: true } })), [{ line: 1, column: null }]);
    assert.deepEqual(await problemsOf(importCustomers({ ctx: desk.ctx(desk.manager), input: { csv: `${HEADER}\nImp X,pro,X,x@imp.example,,,\n"Imp Y,pro,Y,y@imp.example,,,\n`, dryRun: true } })).then((p) => p.map((x) => x.column)), [null]);
  });

  it('a line broken inside quotes is named by the line it starts on', async () => {
    const csv = `${HEADER}\n"Imp\nMu",planless,M,m@imp.example,,,\n`;
    // Both its problems on line 2: a name is one line, and the plan is unknown.
    assert.deepEqual(await problemsOf(importCustomers({ ctx: desk.ctx(desk.manager), input: { csv, dryRun: true } })), [{ line: 2, column: 'organization' }, { line: 2, column: 'plan' }]);
  });

  it('refuses a file over the row limit or the size limit with a clear message', async () => {
    const many = csvOf(...Array.from({ length: MAX_IMPORT_ROWS + 1 }, (_, i) => `Imp Many,growth,P${i},p${i}@imp.example,,,`));
    await assert.rejects(importCustomers({ ctx: desk.ctx(desk.manager), input: { csv: many, dryRun: true } }), (e: unknown) => e instanceof InvalidInputError && !(e instanceof ImportRefusedError) && /at most 5000/.test(e.message));
    const big = HEADER + '\n' + 'x'.repeat(2 * 1024 * 1024);
    await assert.rejects(importCustomers({ ctx: desk.ctx(desk.manager), input: { csv: big, dryRun: true } }), (e: unknown) => e instanceof InvalidInputError && /larger than 2 MB/.test(e.message));
  });

  it('is forbidden to front-line and escalation agents and to contacts', async () => {
    const org = await desk.addOrganization('pro');
    for (const actor of [desk.agent, desk.escalation, org.contact]) {
      await assert.rejects(importCustomers({ ctx: desk.ctx(actor), input: { csv: csvOf('Imp No,pro,,,,,'), dryRun: true } }), ForbiddenError);
    }
  });
});

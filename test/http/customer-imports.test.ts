// POST /api/v1/customer-imports: a dry run's report, an import, a bad body naming its field, and
// lines with problems as the error envelope's details (line.<n>.<column>), nothing written.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openTicketApp, type TicketApp } from './ticket-app.ts';

const HEADER = 'organization,plan,name,email,named_contact,onboarding,existing_customer';

describe('POST /api/v1/customer-imports', () => {
  let h: TicketApp;
  before(async () => {
    h = await openTicketApp('openback', 'enterprise');
  });
  after(() => h.close());
  const post = (token: string, payload: unknown) => h.as(token, { method: 'POST', url: '/api/v1/customer-imports', payload: payload as Record<string, unknown> });
  const orgNamed = async (name: string) => (await h.desk.t.db.query('SELECT plan_id FROM organizations WHERE name = $1', [name])).rows;

  it('a dry run answers the report and writes nothing; the import then creates', async () => {
    const csv = `${HEADER}\nApi Org,Pro,Ann Api,ann@api.example,yes,,\n`;
    const dry = await post(h.manager.token, { csv, dry_run: true });
    assert.equal(dry.statusCode, 200, dry.body);
    assert.deepEqual(dry.json(), {
      dry_run: true, imported: false, organizations_created: 1, contacts_created: 1, unchanged: 0,
      lines: [{ line: 2, action: 'create_organization_and_contact', organization: 'Api Org', email: 'ann@api.example', says: 'create organization Api Org (Pro plan) and contact Ann Api <ann@api.example> as a named support contact' }],
    });
    assert.deepEqual(await orgNamed('Api Org'), []);
    const done = await post(h.admin.token, { csv, dry_run: false });
    assert.equal(done.statusCode, 200, done.body);
    assert.equal(done.json().imported, true);
    assert.deepEqual(await orgNamed('Api Org'), [{ plan_id: 'pro' }]);
  });

  it('a bad body is refused naming the field', async () => {
    const res = await post(h.manager.token, { csv: `${HEADER}\n` });
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().code, 'invalid_input');
    assert.deepEqual(res.json().details.map((d: { path: string }) => d.path), ['dry_run']);
  });

  it('lines with problems answer 400 with one detail per problem, by line and column, and nothing is written', async () => {
    const csv = `${HEADER}\nApi Two,growth,Bo,bo@api.example,,,\nApi Three,gold,Cy,cy@api.example,,,\nApi Two,growth,Di,nope,,,\n`;
    const res = await post(h.manager.token, { csv, dry_run: false });
    assert.equal(res.statusCode, 400, res.body);
    const body = res.json();
    assert.equal(body.code, 'invalid_input');
    assert.equal(body.message, '2 problems on 2 lines of the file: nothing was imported; fix them and import the file again');
    assert.deepEqual(body.details, [
      { path: 'line.3.plan', message: '"gold" is not a plan of the policy: give one of Growth (growth), Pro (pro), Enterprise (enterprise)' },
      { path: 'line.4.email', message: 'is not an email address' },
    ]);
    assert.deepEqual(await orgNamed('Api Two'), []);
  });

  it('is forbidden to front-line agents and contacts', async () => {
    for (const token of [h.agent.token, h.contactA.token]) {
      const res = await post(token, { csv: `${HEADER}\nApi No,growth,,,,,\n`, dry_run: true });
      assert.equal(res.statusCode, 403);
    }
  });
});

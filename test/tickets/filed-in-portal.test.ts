// OpenBack lists no web form, so a case a contact writes on the portal is filed as Email
// (policy/portal-channel.ts). The ticket row says it was written there (filed_in_portal, 0071), so
// what names the channel from the row says "Email, filed in the portal" as the timeline does
// (channel-names.ts filedName): here the designated staff's mail. Tickets from before the column
// take the fact from their created entry (the migration's backfill).
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { updateOrganization } from '../../src/customers/index.ts';
import { createTicket } from '../../src/tickets/index.ts';
import { openDesk, type Desk, type Organization } from '../support/desk.ts';

describe('a case filed in the portal, OpenBack Enterprise', () => {
  let desk: Desk;
  let org: Organization;
  before(async () => {
    desk = await openDesk('openback', '2026-12-02T10:00:00Z');
    org = await desk.addOrganization('enterprise');
    await updateOrganization({ ctx: desk.ctx(desk.manager), input: { organizationId: org.id, designatedAgents: { customer_success_manager: (desk.escalation as { id: string }).id } } });
  });
  after(() => desk.close());

  const stored = async (id: string) => (await desk.t.db.query<{ channel: string; filed_in_portal: boolean }>('SELECT channel, filed_in_portal FROM tickets WHERE id = $1', [id])).rows[0];
  const notice = async (id: string) => (await desk.t.db.query<{ body: string }>("SELECT body FROM outbox WHERE kind = 'designated_notice' AND payload->>'ticket_id' = $1", [id])).rows[0].body;

  it('is stored as Email filed in the portal; the API view says both; the designated staff read "by Email, filed in the portal"', async () => {
    const t = await createTicket({ ctx: desk.ctx(org.contact), input: { subject: 'Portal case', description: 'x', severity: 3 }, options: { portal: true } });
    assert.deepEqual([t.channel, t.filedInPortal], ['email', true]);
    assert.deepEqual(await stored(t.id), { channel: 'email', filed_in_portal: true });
    assert.match(await notice(t.id), /\nSeverity 3 \(Minor\), Enterprise plan, by Email, filed in the portal, from contact\d+@customer\.example\.\n/);
  });

  it('a contact\'s request over the API, and a call an agent logs, were not written on the portal', async () => {
    const api = await createTicket({ ctx: desk.ctx(org.contact), input: { subject: 'API case', description: 'x', severity: 3 } });
    assert.deepEqual([api.channel, api.filedInPortal], ['email', false]);
    assert.match(await notice(api.id), /, Enterprise plan, by Email, from /);
    const call = await createTicket({ ctx: desk.ctx(desk.agent), input: { requesterId: org.contactId, subject: 'Call', description: 'x', severity: 3 } });
    assert.deepEqual(await stored(call.id), { channel: 'phone', filed_in_portal: false });
    assert.match(await notice(call.id), /, Enterprise plan, by Phone, from /);
  });

  it('the migration\'s backfill takes the fact from the created entry, where it was recorded', async () => {
    const portal = await createTicket({ ctx: desk.ctx(org.contact), input: { subject: 'Old portal case', description: 'x', severity: 3 }, options: { portal: true } });
    const mailed = await createTicket({ ctx: desk.ctx(org.contact), input: { subject: 'Old mail', description: 'x', severity: 3, channel: 'email' } });
    // As before 0071 had run: the column at its default.
    await desk.t.db.query('UPDATE tickets SET filed_in_portal = false');
    const migration = readFileSync(new URL('../../migrations/0071_ticket_filed_in_portal.sql', import.meta.url), 'utf8');
    const backfill = migration.slice(migration.indexOf('UPDATE tickets'));
    await desk.t.db.exec(backfill);
    assert.equal((await stored(portal.id)).filed_in_portal, true);
    assert.equal((await stored(mailed.id)).filed_in_portal, false);
  });
});

// The customer's mail that their issue's fix is released (tickets/mark-fix-released.ts) names the
// release the agent entered, and points to the help centre's page of release notes
// (/help/releases). OpenBack's policy names no such page: Accord's name for it, "Release notes",
// as the help centre shows it. (OPS-COM's own name is tested in scenarios/opscom-ladder.test.ts.)
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTicket, markFixReleased } from '../../src/tickets/index.ts';
import { suiteDesk } from '../support/desk.ts';

describe('the fix-released mail, OpenBack', () => {
  const s = suiteDesk('openback', 'enterprise', '2026-12-02T10:00:00Z');
  const released = async (input: { release?: string; body: string }) => {
    const t = await createTicket({ ctx: s.desk.ctx(s.org.contact), input: { subject: 'Export fails', description: 'x', severity: 3 } });
    await markFixReleased({ ctx: s.desk.ctx(s.desk.agent), input: { ticketId: t.id, ...input } });
    const { rows } = await s.desk.t.db.query<{ body: string; links: unknown }>(
      "SELECT body, payload->'links' AS links FROM outbox WHERE kind = 'ticket_reply' AND payload->>'ticket_id' = $1", [t.id],
    );
    assert.equal(rows.length, 1);
    return { t, mail: rows[0] };
  };

  it('names the release entered and links to the release notes under Accord\'s name for the page', async () => {
    const { t, mail } = await released({ release: '4.2', body: 'The export is fixed.' });
    assert.ok(mail.body.startsWith('The export is fixed.\n\nFix released in: 4.2\nRelease notes are available on the Release notes page.'), mail.body);
    assert.deepEqual(mail.links, [{ label: `Case #${t.number} in the support portal`, path: `/portal/cases/${t.id}` }, { label: 'Release notes', path: '/help/releases' }]);
  });

  it('no release entered: no release named, the page still pointed to', async () => {
    const { mail } = await released({ body: 'The export is fixed.' });
    assert.ok(mail.body.startsWith('The export is fixed.\n\nRelease notes are available on the Release notes page.'), mail.body);
    assert.doesNotMatch(mail.body, /Fix released in/);
  });
});

// Restart: clocks that come due while the service is stopped fire exactly once after it
// starts again, on the embedded database and (on the PostgreSQL pass) on PostgreSQL.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, silentLogger, TestClock } from '../../src/platform/index.ts';
import { startService } from '../../src/service/start-service.ts';
import { createTicket, listTicketEvents, sweepSlaClocks } from '../../src/tickets/index.ts';
import { freshServiceDatabase, testBackend } from '../support/test-db.ts';

const backends = [testBackend];

for (const backend of backends) {
  describe(`restart on ${backend}`, () => {
    const dir = mkdtempSync(join(tmpdir(), 'accord-restart-'));
    let drop = async () => {};
    after(async () => {
      await drop();
      rmSync(dir, { recursive: true, force: true });
    });

    it('fires each breach that came due while stopped exactly once, after start', async () => {
      const fresh = await freshServiceDatabase();
      const databaseUrl = fresh.databaseUrl;
      drop = fresh.drop;
      const config = loadConfig({ PORT: '0', SMTP_LISTEN_PORT: '0', ACCORD_DATA_DIR: dir, ACCORD_POLICY: 'examples/policies/openmethods.yaml', ACCORD_DEMO: '1', LOG_LEVEL: 'silent', ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) });
      const clock = new TestClock('2026-12-05T15:00:00Z');
      const first = await startService({ config, clock, logger: silentLogger() });
      let ticket;
      try {
        const creds = JSON.parse(readFileSync(join(dir, 'demo-credentials.json'), 'utf8'));
        assert.equal(creds.url, first.url);
        const { rows } = await first.db.query<{ id: string; organization_id: string }>('SELECT id, organization_id FROM contacts WHERE email = $1', [creds.contacts[0].email]);
        const contact = { kind: 'contact' as const, id: rows[0].id, organizationId: rows[0].organization_id };
        ticket = await createTicket({ ctx: { db: first.db, clock, logger: silentLogger(), actor: contact }, input: { subject: 'Outage', description: 'All agents are out', severity: 1 } });
        assert.deepEqual(ticket.clocks.map((c) => [c.metric, c.due?.toString()]), [['first_response', '2026-12-05T15:30:00Z'], ['update', '2026-12-05T16:00:00Z']]);
      } finally {
        await first.stop();
      }

      // Both clocks came due while stopped, the update cadence twice: "status update once every 60
      // minutes" owes one each hour, so the update due 16:00 was missed and the next, due 17:00, is
      // missed too at 17:00 (sla/clocks.ts update_missed). Three breaches: 15:30, 16:00 and 17:00.
      clock.set('2026-12-05T17:00:00Z');
      const second = await startService({ config, clock, logger: silentLogger() });
      try {
        const agentCtx = { db: second.db, clock, logger: silentLogger(), actor: { kind: 'system' as const } };
        const events = () => listTicketEvents({ ctx: agentCtx, input: { ticketId: ticket.id } });
        // The catch-up sweep is asked for once the service answers; its fire jobs follow within seconds.
        const breaches = async () => (await events()).filter((e) => e.type === 'sla_breach').length;
        for (let i = 0; i < 300 && (await breaches()) < 3; i++) await new Promise((r) => setTimeout(r, 100));
        const dues = async () => (await events()).filter((e) => e.type === 'sla_breach').map((e) => `${(e.data as { metric: string }).metric} ${(e.data as { due: string }).due}`).sort();
        assert.deepEqual(await dues(), ['first_response 2026-12-05T15:30:00Z', 'update 2026-12-05T16:00:00Z', 'update 2026-12-05T17:00:00Z']);
        // A sweep now may still fire a demo ticket's clock the background jobs have not reached
        // yet; what it must never do is fire a clock's due time a second time: this ticket keeps its 3
        // breaches, and no clock of any ticket has more than one for one due time.
        await sweepSlaClocks({ ctx: agentCtx });
        assert.equal(await breaches(), 3);
        const { rows: twice } = await second.db.query<{ clock: string }>(
          "SELECT data->>'clock_id' AS clock FROM ticket_events WHERE type = 'sla_breach' GROUP BY data->>'clock_id', data->>'due' HAVING count(*) > 1",
        );
        assert.deepEqual(twice, []);
      } finally {
        await second.stop();
      }
    });
  });
}

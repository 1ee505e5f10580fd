// The managers' breach export (/reports/breaches.csv): its `due` column is the time the target was
// missed, its due time then; for an update cadence, the due time of the update missed, not the
// due time of the cycle running now; for a breach the sweep recorded late, the due time, not the sweep's.
//
// OpenMethods' System Outage (examples/policies/openmethods.yaml): "Response time" within 30
// minutes, "Communication cadence ... status update once every 60 minutes", on the 24x7 clock; the
// cadence runs from the opening and restarts at each public reply; a missed update ends its cycle,
// the next one owed 60 minutes from its due time (sla/clocks.ts). By hand:
//   - Wed 2 Dec 2026: opened 15:00, answered 15:05 (15:05 <= 15:00 + 30 min: met): an update due
//     15:05 + 60 min = 16:05. The sweep at 16:06 records it missed; the agent updates at 16:20: the next
//     update due 16:20 + 60 min = 17:20. Exported at 16:30: due 16:05 (the export said 17:20).
//   - Thu 3 Dec 2026 (the service down, no sweep until 17:10): ticket B opened 15:00, answered 15:05:
//     an update due 16:05; the sweep at 17:10 records 16:05 missed, then the next, 16:05 + 60 min =
//     17:05, missed too; the next due 17:05 + 60 min = 18:05. Exported at 17:15: due 16:05, the
//     first missed (not 17:10, the sweep; not 18:05, the cycle running). Ticket C opened 16:00,
//     never answered: its response due 16:00 + 30 min = 16:30 and its first update 16:00 + 60 min =
//     17:00, both recorded by the same 17:10 sweep (the next update due 18:00): due 16:30 and 17:00.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { addReply, createTicket, sweepSlaClocks } from '../../src/tickets/index.ts';
import { openWebApp, type WebApp } from './web-app.ts';

describe("the managers' breach export names the time a target was missed (OpenMethods)", () => {
  let h: WebApp;
  before(async () => {
    h = await openWebApp('openmethods', 'premium');
  });
  after(() => h.close());

  const outage = async (at: string, subject: string) => {
    h.desk.clock.set(at);
    const org = await h.desk.addOrganization('premium');
    return createTicket({ ctx: h.desk.ctx(org.contact), input: { subject, description: 'No agent can log in', intake: { affected_agents_percent: 100 } } });
  };
  const reply = async (ticketId: string, at: string) => {
    h.desk.clock.set(at);
    await addReply({ ctx: h.desk.ctx(h.desk.agent), input: { ticketId, body: 'Failover is under way.' } });
  };
  const sweep = async (at: string) => {
    h.desk.clock.set(at);
    await sweepSlaClocks({ ctx: h.desk.system });
  };
  /** The export's rows for the tickets opened on `day`, read at `at`: [ticket, severity, metric, due, met_at, plan_name]. */
  const exported = async (day: string, at: string) => {
    h.desk.clock.set(at);
    const manager = await h.session(h.manager, 'agent');
    const res = await manager.get(`/reports/breaches.csv?from=${day}&to=${day}`);
    assert.equal(res.statusCode, 200);
    const [header, ...lines] = res.body.split('\r\n').filter((l) => l !== '');
    assert.equal(header, 'ticket,subject,organization,plan,severity,metric,due,met_at,plan_name');
    return lines.map((l) => l.split(',')).map((c) => [Number(c[0]), Number(c[4]), c[5], c[6], c[7], c[8]]);
  };

  it('an update due 16:05 missed, the agent updating at 16:20: due 16:05, not the next cycle 17:20', async () => {
    const t = await outage('2026-12-02T15:00:00Z', 'Outage');
    await reply(t.id, '2026-12-02T15:05:00Z');
    await sweep('2026-12-02T16:06:00Z');
    await reply(t.id, '2026-12-02T16:20:00Z');
    assert.deepEqual(await exported('2026-12-02', '2026-12-02T16:30:00Z'), [[t.number, 1, 'update', '2026-12-02T16:05:00Z', '', 'Premium Support']]);
  });

  it('updates and a response missed, all recorded by a sweep at 17:10: their due times 16:05, 16:30 and 17:00', async () => {
    const b = await outage('2026-12-03T15:00:00Z', 'Outage B');
    await reply(b.id, '2026-12-03T15:05:00Z');
    const c = await outage('2026-12-03T16:00:00Z', 'Outage C');
    await sweep('2026-12-03T17:10:00Z');
    assert.deepEqual(await exported('2026-12-03', '2026-12-03T17:15:00Z'), [
      [b.number, 1, 'update', '2026-12-03T16:05:00Z', '', 'Premium Support'],
      [c.number, 1, 'first_response', '2026-12-03T16:30:00Z', '', 'Premium Support'],
      [c.number, 1, 'update', '2026-12-03T17:00:00Z', '', 'Premium Support'],
    ]);
  });
});

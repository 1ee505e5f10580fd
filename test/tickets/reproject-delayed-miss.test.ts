// A new policy version is activated at T and the re-projection job (policy-reproject-job.ts) moves
// the open tickets onto it later, at T + 5 minutes (it runs every two seconds, and may be behind:
// a restart, a long batch). Activation only stores the version (ADR 0011): until the job moves a
// ticket, its clocks are owed under the version it is on. OpenBack, seed: Enterprise "Initial
// Response Time" Severity 1 within 1 hour, 24x7. A Severity 1 opened Thu 3 Dec 2026 10:02 owes its
// first response by 11:02. A test-local version loosening it to 4 hours (no vendor did so) is
// activated at 11:00; under it the response is due 10:02 + 4 h = 14:02. The job runs at 11:05: the
// due time 11:02 lies between the old projection's and the new one's, already passed when the
// ticket moves. The miss stands at 11:02 under Severity 1 of version 1, recorded exactly once
// whether the sweep came round before the job or not, and never a second time by the sweep after.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { handlePolicyReproject } from '../../src/jobs/policy-reproject-job.ts';
import { silentLogger } from '../../src/platform/index.ts';
import { activatePolicy } from '../../src/policy-versions/index.ts';
import { sweepSlaClocks } from '../../src/tickets/index.ts';
import { examplePolicySource, openDesk, type Desk } from '../support/desk.ts';
import { testBackend } from '../support/test-db.ts';
import { firstResponseDue, severityOne as openBackSeverityOne } from './openback-kit.ts';

describe(`OpenBack: a new version activated at 11:00, its re-projection job late, at 11:05 (on ${testBackend})`, () => {
  let desk: Desk;
  before(async () => {
    desk = await openDesk('openback', '2026-12-03T10:02:00Z');
  });
  after(() => desk.close());

  const loosened = (hours: number) => {
    const source = examplePolicySource('openback').replace('enterprise: { within: 1 hour, clock: 24x7 }', `enterprise: { within: ${hours} hours, clock: 24x7 }`);
    assert.notEqual(source, examplePolicySource('openback'));
    return source;
  };
  const severityOne = (at: string) => openBackSeverityOne(desk, at);
  const firstResponse = (ticketId: string) => firstResponseDue(desk, ticketId);
  const recorded = async (ticketId: string) => {
    const { rows } = await desk.t.db.query<{ due: string; severity: number; at: Temporal.Instant }>(
      "SELECT data->>'due' AS due, (data->>'severity')::int AS severity, at FROM ticket_events WHERE ticket_id = $1 AND type = 'sla_breach' ORDER BY seq", [ticketId]);
    const { rows: [mails] } = await desk.t.db.query<{ n: number }>("SELECT count(*)::int AS n FROM outbox WHERE kind = 'sla_breach' AND payload->>'ticket_id' = $1", [ticketId]);
    return { breaches: rows.map((b) => [Temporal.Instant.from(b.due).toString(), b.severity, b.at.toString()]), mails: mails.n };
  };
  const activateAt = async (at: string, source: string) => {
    desk.clock.set(at);
    await activatePolicy({ ctx: desk.ctx(desk.admin), input: { source } });
  };
  const jobAt = async (at: string) => {
    desk.clock.set(at);
    return handlePolicyReproject({ db: desk.t.db, clock: desk.clock, logger: silentLogger() });
  };
  const sweepAt = async (at: string) => {
    desk.clock.set(at);
    return (await sweepSlaClocks({ ctx: desk.system })).breaches;
  };

  it('the sweep had not come round: the job at 11:05 records the miss of 11:02 once, then moves the due to 14:02', async () => {
    const t = await severityOne('2026-12-03T10:02:00Z');
    await activateAt('2026-12-03T11:00:00Z', loosened(4));
    assert.equal(await jobAt('2026-12-03T11:05:00Z'), 1);
    // Recorded by the move, at 11:05, as missed at its due under Severity 1; mailed to the manager and the admin.
    const once = { breaches: [['2026-12-03T11:02:00Z', 1, '2026-12-03T11:05:00Z']], mails: 2 };
    assert.deepEqual(await recorded(t.id), once);
    assert.deepEqual(await firstResponse(t.id), ['breached', '2026-12-03T14:02:00Z', '2026-12-03T11:02:00Z']);
    for (const at of ['2026-12-03T11:06:00Z', '2026-12-03T14:05:00Z']) assert.equal(await sweepAt(at), 0, at);
    assert.deepEqual(await recorded(t.id), once);
  });

  it('the sweep came round at 11:03, before the job: its breach stands, and the job at 11:05 records no second one', async () => {
    // Friday 4 December, under the seed's hour again (a version of its own), so the clock is due 11:02.
    await activateAt('2026-12-04T09:00:00Z', examplePolicySource('openback'));
    await jobAt('2026-12-04T09:00:00Z');
    const t = await severityOne('2026-12-04T10:02:00Z');
    assert.deepEqual(await firstResponse(t.id), ['running', '2026-12-04T11:02:00Z', null]);
    await activateAt('2026-12-04T11:00:00Z', loosened(4));
    assert.equal(await sweepAt('2026-12-04T11:03:00Z'), 1);
    await jobAt('2026-12-04T11:05:00Z'); // moves the first test's ticket too
    const once = { breaches: [['2026-12-04T11:02:00Z', 1, '2026-12-04T11:03:00Z']], mails: 2 };
    assert.deepEqual(await recorded(t.id), once);
    assert.deepEqual(await firstResponse(t.id), ['breached', '2026-12-04T14:02:00Z', '2026-12-04T11:02:00Z']);
    for (const at of ['2026-12-04T11:06:00Z', '2026-12-04T14:05:00Z']) assert.equal(await sweepAt(at), 0, at);
    assert.deepEqual(await recorded(t.id), once);
  });
});

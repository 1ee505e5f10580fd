// A breach waits for mail still to be processed that reached the desk by the clock's due time: an
// answer received at 10:00 and read at 10:05 meets a clock due at 10:01 as of 10:00, and managers
// must not have been told at 10:01 of a breach that did not happen. Held at most 15 minutes past the
// due time (owed.ts BREACH_HOLD_MINUTES): mail stuck unprocessed does not hold a breach for good.
// Every instant worked by hand: a clock with its goal at 09:30 and due at 10:01; 10:01 + 15 minutes = 10:16.
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { storeInbound } from '../../src/email/index.ts';
import { handleSlaFire } from '../../src/jobs/sla-fire-job.ts';
import { silentLogger } from '../../src/platform/index.ts';
import { BREACH_HOLD_MINUTES, sweepSlaClocks } from '../../src/tickets/index.ts';
import { breachCutoffOf } from '../../src/tickets/owed.ts';
import { insertBulkClocks } from '../support/bulk-clocks.ts';
import { openDesk, type Desk } from '../support/desk.ts';

const at = (s: string) => Temporal.Instant.from(s);

describe('the latest due time a breach may fire for', () => {
  it('is now with no mail waiting; just before the oldest waiting mail arrived; never more than 15 minutes before now', () => {
    assert.equal(BREACH_HOLD_MINUTES, 15);
    assert.equal(breachCutoffOf(at('2026-12-01T10:05:00Z'), null).toString(), '2026-12-01T10:05:00Z');
    assert.equal(breachCutoffOf(at('2026-12-01T10:05:00Z'), at('2026-12-01T10:00:00Z')).toString(), '2026-12-01T09:59:59.999999Z');
    assert.equal(breachCutoffOf(at('2026-12-01T10:20:00Z'), at('2026-12-01T10:00:00Z')).toString(), '2026-12-01T10:05:00Z');
    // Mail that arrived after now (a clock set back) holds nothing beyond now.
    assert.equal(breachCutoffOf(at('2026-12-01T10:05:00Z'), at('2026-12-01T10:30:00Z')).toString(), '2026-12-01T10:05:00Z');
  });
});

describe('a breach held while mail that may meet its clock waits to be processed', () => {
  let desk: Desk;
  let org: Awaited<ReturnType<Desk['addOrganization']>>;
  before(async () => {
    desk = await openDesk('openback', '2026-12-01T09:00:00Z');
    org = await desk.addOrganization('growth');
  });
  after(() => desk.close());
  beforeEach(async () => {
    await desk.t.db.query('DELETE FROM sla_clocks');
    await desk.t.db.query('DELETE FROM inbound_messages');
    await insertBulkClocks(desk.t.db, {
      count: 1, organizationId: org.id, requesterId: org.contactId, policyVersion: 1, planId: 'growth', severity: 3,
      openedAt: at('2026-12-01T09:00:00Z'), goalAt: at('2026-12-01T09:30:00Z'), dueAt: at('2026-12-01T10:01:00Z'),
    });
  });

  /** A mail stored (not processed) as received at `when`. */
  const mailAt = async (when: string) => {
    desk.clock.set(when);
    const raw = Buffer.from(`From: contact1@customer.example\r\nTo: support@desk.example\r\nSubject: Re: slow\r\nMessage-ID: <${when}@customer.example>\r\n\r\nDone.\r\n`);
    return (await storeInbound(desk.t.db, desk.clock, raw, { source: 'smtp', envelopeFrom: 'contact1@customer.example', envelopeTo: ['support@desk.example'] }))!;
  };
  const sweepAt = async (when: string) => {
    desk.clock.set(when);
    const { warnings, breaches } = await sweepSlaClocks({ ctx: desk.system });
    return { warnings, breaches };
  };

  it('mail received at 10:00 and waiting: at 10:02 the warning fires, the breach does not; nor at 10:15:59; at 10:16 it fires', async () => {
    await mailAt('2026-12-01T10:00:00Z');
    assert.deepEqual(await sweepAt('2026-12-01T10:02:00Z'), { warnings: 1, breaches: 0 });
    assert.deepEqual(await sweepAt('2026-12-01T10:15:59Z'), { warnings: 0, breaches: 0 });
    assert.deepEqual(await sweepAt('2026-12-01T10:16:00Z'), { warnings: 0, breaches: 1 });
    const { rows } = await desk.t.db.query<{ breached_at: Temporal.Instant }>('SELECT breached_at FROM sla_clocks');
    assert.equal(rows[0].breached_at.toString(), '2026-12-01T10:01:00Z');
  });

  it('mail being processed holds it too; once processed (here: for nothing that meets it) the next sweep fires the breach', async () => {
    const id = await mailAt('2026-12-01T10:00:00Z');
    await desk.t.db.query("UPDATE inbound_messages SET status = 'processing', claimed_until = $2 WHERE id = $1", [id, at('2026-12-01T10:10:00Z')]);
    assert.deepEqual(await sweepAt('2026-12-01T10:05:00Z'), { warnings: 1, breaches: 0 });
    await desk.t.db.query("UPDATE inbound_messages SET status = 'ignored', processed_at = $2 WHERE id = $1", [id, at('2026-12-01T10:06:00Z')]);
    assert.deepEqual(await sweepAt('2026-12-01T10:06:00Z'), { warnings: 0, breaches: 1 });
  });

  it('mail received at the due time itself holds it; mail received after it, or quarantined, does not', async () => {
    await mailAt('2026-12-01T10:01:00Z');
    assert.deepEqual(await sweepAt('2026-12-01T10:03:00Z'), { warnings: 1, breaches: 0 });
    await desk.t.db.query('DELETE FROM inbound_messages');
    await mailAt('2026-12-01T10:01:01Z');
    assert.deepEqual(await sweepAt('2026-12-01T10:03:00Z'), { warnings: 0, breaches: 1 });

    await desk.t.db.query('UPDATE sla_clocks SET breached_at = NULL, warned_at = NULL');
    await desk.t.db.query('DELETE FROM inbound_messages');
    const failed = await mailAt('2026-12-01T10:00:00Z');
    await desk.t.db.query("UPDATE inbound_messages SET status = 'quarantined', processed_at = $2 WHERE id = $1", [failed, at('2026-12-01T10:00:00Z')]);
    assert.deepEqual(await sweepAt('2026-12-01T10:03:00Z'), { warnings: 1, breaches: 1 });
  });

  it('the fire job holds a breach its clock owes as the sweep does (one read for the batch)', async () => {
    await mailAt('2026-12-01T10:00:00Z');
    desk.clock.set('2026-12-01T10:05:00Z');
    const { rows } = await desk.t.db.query<{ id: string }>('SELECT id FROM sla_clocks');
    const deps = { db: desk.t.db, clock: desk.clock, logger: silentLogger() };
    assert.equal(await handleSlaFire(deps, [rows[0].id]), 1, 'the warning only');
    const marks = async () => (await desk.t.db.query<{ warned_at: Temporal.Instant | null; breached_at: Temporal.Instant | null }>('SELECT warned_at, breached_at FROM sla_clocks')).rows[0];
    assert.deepEqual(Object.values(await marks()).map((x) => x?.toString() ?? null), ['2026-12-01T09:30:00Z', null]);
    desk.clock.set('2026-12-01T10:16:00Z');
    assert.equal(await handleSlaFire(deps, [rows[0].id]), 1, 'the breach, 15 minutes past due');
    assert.equal((await marks()).breached_at?.toString(), '2026-12-01T10:01:00Z');
  });
});

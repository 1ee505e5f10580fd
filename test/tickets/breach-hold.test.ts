// A breach waits for mail still to be processed that reached the desk by the clock's due time: an
// answer received at 10:00 and read at 10:05 meets a clock due at 10:01 as of 10:00, and managers
// must not have been told at 10:01 of a breach that did not happen. Held at most 15 minutes past the
// due time (owed.ts BREACH_HOLD_MINUTES): mail stuck unprocessed does not hold a breach for good.
// Every instant worked by hand: a clock with its goal at 09:30 and due at 10:01; 10:01 + 15 minutes = 10:16.
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { storeInbound } from '../../src/email/index.ts';
import { handleSlaFire } from '../../src/jobs/sla-fire-job.ts';
import { handleSlaSweep } from '../../src/jobs/sla-sweep-job.ts';
import { silentLogger, type PgBoss } from '../../src/platform/index.ts';
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

  it("where an IMAP mailbox is polled, also just before its last poll began (its next may store mail from then), under the same cap", () => {
    assert.equal(breachCutoffOf(at('2026-12-01T10:01:05Z'), null, at('2026-12-01T10:00:50Z')).toString(), '2026-12-01T10:00:49.999999Z');
    // The earlier of the two.
    assert.equal(breachCutoffOf(at('2026-12-01T10:05:00Z'), at('2026-12-01T10:00:00Z'), at('2026-12-01T10:02:00Z')).toString(), '2026-12-01T09:59:59.999999Z');
    assert.equal(breachCutoffOf(at('2026-12-01T10:05:00Z'), at('2026-12-01T10:03:00Z'), at('2026-12-01T10:02:00Z')).toString(), '2026-12-01T10:01:59.999999Z');
    // A mailbox not reached since 09:00: 15 minutes before now, no more.
    assert.equal(breachCutoffOf(at('2026-12-01T10:20:00Z'), null, at('2026-12-01T09:00:00Z')).toString(), '2026-12-01T10:05:00Z');
  });
});

/**
 * A describe's desk: before each test only one clock (goal 09:30, due 10:01; its warning already
 * fired when `warned`), no mail, no IMAP mailbox known.
 */
function oneClockDesk({ warned }: { warned: boolean }): { desk: Desk } {
  const s = {} as { desk: Desk };
  let org: Awaited<ReturnType<Desk['addOrganization']>>;
  before(async () => {
    s.desk = await openDesk('openback', '2026-12-01T09:00:00Z');
    org = await s.desk.addOrganization('growth');
  });
  after(() => s.desk.close());
  beforeEach(async () => {
    for (const table of ['sla_clocks', 'inbound_messages', 'imap_mailboxes']) await s.desk.t.db.query(`DELETE FROM ${table}`);
    await insertBulkClocks(s.desk.t.db, {
      count: 1, organizationId: org.id, requesterId: org.contactId, policyVersion: 1, planId: 'growth', severity: 3,
      openedAt: at('2026-12-01T09:00:00Z'), goalAt: at('2026-12-01T09:30:00Z'), dueAt: at('2026-12-01T10:01:00Z'),
      warnedAt: warned ? at('2026-12-01T09:30:00Z') : null,
    });
  });
  return s;
}

describe('a breach held while mail that may meet its clock waits to be processed', () => {
  const s = oneClockDesk({ warned: false });

  /** A mail stored (not processed) as received at `when`. */
  const mailAt = async (when: string) => {
    s.desk.clock.set(when);
    const raw = Buffer.from(`From: contact1@customer.example\r\nTo: support@desk.example\r\nSubject: Re: slow\r\nMessage-ID: <${when}@customer.example>\r\n\r\nDone.\r\n`);
    return (await storeInbound(s.desk.t.db, s.desk.clock, raw, { source: 'smtp', envelopeFrom: 'contact1@customer.example', envelopeTo: ['support@desk.example'] }))!;
  };
  const sweepAt = async (when: string) => {
    s.desk.clock.set(when);
    const { warnings, breaches } = await sweepSlaClocks({ ctx: s.desk.system });
    return { warnings, breaches };
  };

  it('mail received at 10:00 and waiting: at 10:02 the warning fires, the breach does not; nor at 10:15:59; at 10:16 it fires', async () => {
    await mailAt('2026-12-01T10:00:00Z');
    assert.deepEqual(await sweepAt('2026-12-01T10:02:00Z'), { warnings: 1, breaches: 0 });
    assert.deepEqual(await sweepAt('2026-12-01T10:15:59Z'), { warnings: 0, breaches: 0 });
    assert.deepEqual(await sweepAt('2026-12-01T10:16:00Z'), { warnings: 0, breaches: 1 });
    const { rows } = await s.desk.t.db.query<{ breached_at: Temporal.Instant }>('SELECT breached_at FROM sla_clocks');
    assert.equal(rows[0].breached_at.toString(), '2026-12-01T10:01:00Z');
  });

  it('mail being processed holds it too; once processed (here: for nothing that meets it) the next sweep fires the breach', async () => {
    const id = await mailAt('2026-12-01T10:00:00Z');
    await s.desk.t.db.query("UPDATE inbound_messages SET status = 'processing', claimed_until = $2 WHERE id = $1", [id, at('2026-12-01T10:10:00Z')]);
    assert.deepEqual(await sweepAt('2026-12-01T10:05:00Z'), { warnings: 1, breaches: 0 });
    await s.desk.t.db.query("UPDATE inbound_messages SET status = 'ignored', processed_at = $2 WHERE id = $1", [id, at('2026-12-01T10:06:00Z')]);
    assert.deepEqual(await sweepAt('2026-12-01T10:06:00Z'), { warnings: 0, breaches: 1 });
  });

  it('mail received at the due time itself holds it; mail received after it, or quarantined, does not', async () => {
    await mailAt('2026-12-01T10:01:00Z');
    assert.deepEqual(await sweepAt('2026-12-01T10:03:00Z'), { warnings: 1, breaches: 0 });
    await s.desk.t.db.query('DELETE FROM inbound_messages');
    await mailAt('2026-12-01T10:01:01Z');
    assert.deepEqual(await sweepAt('2026-12-01T10:03:00Z'), { warnings: 0, breaches: 1 });

    await s.desk.t.db.query('UPDATE sla_clocks SET breached_at = NULL, warned_at = NULL');
    await s.desk.t.db.query('DELETE FROM inbound_messages');
    const failed = await mailAt('2026-12-01T10:00:00Z');
    await s.desk.t.db.query("UPDATE inbound_messages SET status = 'quarantined', processed_at = $2 WHERE id = $1", [failed, at('2026-12-01T10:00:00Z')]);
    assert.deepEqual(await sweepAt('2026-12-01T10:03:00Z'), { warnings: 1, breaches: 1 });
  });

  it('the fire job holds a breach its clock owes as the sweep does (one read for the batch)', async () => {
    await mailAt('2026-12-01T10:00:00Z');
    s.desk.clock.set('2026-12-01T10:05:00Z');
    const { rows } = await s.desk.t.db.query<{ id: string }>('SELECT id FROM sla_clocks');
    const deps = { db: s.desk.t.db, clock: s.desk.clock, logger: silentLogger(), imapMailbox: null };
    assert.equal(await handleSlaFire(deps, [rows[0].id]), 1, 'the warning only');
    const marks = async () => (await s.desk.t.db.query<{ warned_at: Temporal.Instant | null; breached_at: Temporal.Instant | null }>('SELECT warned_at, breached_at FROM sla_clocks')).rows[0];
    assert.deepEqual(Object.values(await marks()).map((x) => x?.toString() ?? null), ['2026-12-01T09:30:00Z', null]);
    s.desk.clock.set('2026-12-01T10:16:00Z');
    assert.equal(await handleSlaFire(deps, [rows[0].id]), 1, 'the breach, 15 minutes past due');
    assert.equal((await marks()).breached_at?.toString(), '2026-12-01T10:01:00Z');
  });
});

// Mail not stored yet may meet a clock too, where the desk polls an IMAP mailbox: a reply reaching
// it at 10:00:55, after the poll begun at 10:00:50 looked, is stored by the poll at 10:01:20 as
// received 10:00:55 and meets the clock due 10:01. The same clock as above (goal 09:30, due 10:01);
// the mailbox's poll marks written as the poller writes them (email/imap-mailboxes.ts).
describe('a breach held while the IMAP mailbox the desk polls may hold mail that meets its clock', () => {
  const MAILBOX = 'imaps://desk%40vendor.example@mail.vendor.example:993/INBOX';
  const s = oneClockDesk({ warned: true });

  const polled = (mailbox: string, watchedSince: string, lastPollStartedAt: string | null) =>
    s.desk.t.db.query(
      `INSERT INTO imap_mailboxes (mailbox, watched_since, last_poll_started_at) VALUES ($1, $2, $3)
       ON CONFLICT (mailbox) DO UPDATE SET last_poll_started_at = EXCLUDED.last_poll_started_at`,
      [mailbox, at(watchedSince), lastPollStartedAt && at(lastPollStartedAt)],
    );
  const breachesAt = async (when: string, imapMailbox: string | null) => {
    s.desk.clock.set(when);
    return (await sweepSlaClocks({ ctx: s.desk.system, imapMailbox })).breaches;
  };

  it('last polled from 10:00:50: at 10:01:05 the breach waits; once a poll begun at 10:01:20 has stored what it found (nothing), it fires', async () => {
    await polled(MAILBOX, '2026-11-02T08:00:00Z', '2026-12-01T10:00:50Z');
    assert.equal(await breachesAt('2026-12-01T10:01:05Z', MAILBOX), 0);
    await polled(MAILBOX, '2026-11-02T08:00:00Z', '2026-12-01T10:01:20Z');
    assert.equal(await breachesAt('2026-12-01T10:01:25Z', MAILBOX), 1);
  });

  it('a mailbox the desk cannot reach since the poll begun at 09:58 holds it to 10:16, no longer; never polled successfully, from its watch start', async () => {
    await polled(MAILBOX, '2026-11-02T08:00:00Z', '2026-12-01T09:58:00Z');
    assert.equal(await breachesAt('2026-12-01T10:15:59Z', MAILBOX), 0);
    assert.equal(await breachesAt('2026-12-01T10:16:00Z', MAILBOX), 1);

    await s.desk.t.db.query('UPDATE sla_clocks SET breached_at = NULL');
    await s.desk.t.db.query('DELETE FROM imap_mailboxes');
    await polled(MAILBOX, '2026-12-01T10:00:30Z', null);
    assert.equal(await breachesAt('2026-12-01T10:02:00Z', MAILBOX), 0);
    await polled(MAILBOX, '2026-12-01T10:00:30Z', '2026-12-01T10:01:30Z');
    assert.equal(await breachesAt('2026-12-01T10:02:00Z', MAILBOX), 1);
  });

  it('only the mailbox configured now: a row left by one no longer polled (last polled 1 November) holds nothing, nor does any without IMAP', async () => {
    await polled('imap://old%40vendor.example@mail.vendor.example:143/INBOX', '2026-10-01T08:00:00Z', '2026-11-01T08:00:00Z');
    await polled(MAILBOX, '2026-11-02T08:00:00Z', '2026-12-01T10:01:30Z');
    assert.equal(await breachesAt('2026-12-01T10:02:00Z', MAILBOX), 1);
    await s.desk.t.db.query('UPDATE sla_clocks SET breached_at = NULL');
    assert.equal(await breachesAt('2026-12-01T10:02:00Z', null), 1);
  });

  it('a configured mailbox not polled yet (just upgraded, or its URL changed) holds it to the cap until its first poll begins', async () => {
    assert.equal(await breachesAt('2026-12-01T10:05:00Z', MAILBOX), 0);
    // Its first poll, at 10:05:30, watches it from 10:04:00 (the latest mail it took under its old key).
    await polled(MAILBOX, '2026-12-01T10:04:00Z', null);
    assert.equal(await breachesAt('2026-12-01T10:05:30Z', MAILBOX), 1);
  });

  it('the sweep job and the fire job read the mailbox they are given', async () => {
    await polled(MAILBOX, '2026-11-02T08:00:00Z', '2026-12-01T10:00:50Z');
    s.desk.clock.set('2026-12-01T10:01:05Z');
    const { rows } = await s.desk.t.db.query<{ id: string }>('SELECT id FROM sla_clocks');
    const queued: unknown[] = [];
    // Only the insert of fire jobs is used (sla-fire-job.ts enqueueClockFires).
    const boss = { insert: async (_name: string, jobs: unknown[]) => (queued.push(...jobs), jobs.map((_, i) => String(i))) } as unknown as PgBoss;
    const deps = { db: s.desk.t.db, clock: s.desk.clock, logger: silentLogger(), imapMailbox: MAILBOX };
    assert.equal((await handleSlaSweep({ ...deps, boss })).due, 0);
    assert.equal((await handleSlaSweep({ ...deps, boss, imapMailbox: null })).due, 1, 'the same instant, no mailbox');
    assert.equal(await handleSlaFire(deps, [rows[0].id]), 0);
    await polled(MAILBOX, '2026-11-02T08:00:00Z', '2026-12-01T10:01:20Z');
    s.desk.clock.set('2026-12-01T10:01:25Z');
    assert.equal((await handleSlaSweep({ ...deps, boss })).due, 1);
    assert.equal(await handleSlaFire(deps, [rows[0].id]), 1);
    assert.equal(queued.length, 2);
  });
});

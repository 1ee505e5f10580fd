// Effects exactly once through an SMTP outage and a worker killed mid-delivery (issue 11, item 3).
// On the OPS-COM policy, at start the desk owes: CLOCKS bulk SLA breaches (an e-mail to each
// manager and admin) and HANDOVERS critical tickets support closed on days ago (each handed to
// on-call once: a page to each manager and admin, and its two after-hours clocks, long past
// due, breach, each again an e-mail to each). The relay refuses everything at first (451: try
// again later), then accepts; once it has accepted some of the retries the service is SIGKILLed
// mid-delivery and started again. Every breach, hand-over and page is in the database once; the
// relay receives every message owed, none more than twice (a message sent but not recorded when
// the worker died comes once more, with the same Message-ID), and nothing is lost.
import { after, it } from 'node:test';
import assert from 'node:assert/strict';
import { outboxMessageId } from '../../src/email/headers.ts';
import { freshServiceDatabase, testBackend } from '../support/test-db.ts';
import { startServiceProcess } from '../support/service-process.ts';
import { startReceiver } from '../webhooks/helpers.ts';
import { countEffects, faultScratch, makeClocksDue, seedDesk, sleep, until, withDeskDb } from './fault-kit.ts';
import { countMailEffects, HANDOVER_SUBJECT, isOurs, makeHandoversDue } from './mail-kit.ts';
import { startMailSink, type SinkAttempt } from './smtp-sink.ts';

const CLOCKS = 150;
const HANDOVERS = 30;
const POLICY = 'examples/policies/opscom.yaml';
const DOMAIN = 'faults.example';
// A killed worker's claimed rows come back after the claim (ACCORD_MAIL_CLAIM_SECONDS): 15 s
// here rather than 10 minutes, and still longer than a batch of 100 takes at the relay's pace.
const CLAIM_SECONDS = 15;
// The relay's pace: 4 pooled connections at 100 ms a message, about 40 a second, no faster than
// the retries fall due, so the worker is busy sending when it is killed.
const RELAY_DELAY_MS = 100;

const distinctOurs = (list: SinkAttempt[]) => new Set(list.filter((a) => isOurs(a.subject)).map((a) => a.messageId)).size;

const scratch = faultScratch('mail');
const { dir, running } = scratch;

it(`delivers ${CLOCKS} breaches' and ${HANDOVERS} pages' e-mail once through an SMTP outage and a SIGKILL mid-delivery (${testBackend})`, async (t) => {
  const fresh = await freshServiceDatabase();
  scratch.drop = fresh.drop;
  const receiver = await startReceiver();
  const sink = await startMailSink({ delayMs: RELAY_DELAY_MS });
  try {
    await seedDesk(dir, fresh.databaseUrl, POLICY);
    const { afterHoursClocks, managers } = await withDeskDb(dir, fresh.databaseUrl, async (db) => {
      // Severity 2: OPS-COM has two, and only 1 (critical) is taken after hours.
      await makeClocksDue(db, CLOCKS, `${receiver.url}/hook`, 2);
      const handovers = await makeHandoversDue(db, HANDOVERS, POLICY);
      const { rows } = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM agents WHERE role IN ('manager', 'admin')");
      return { ...handovers, managers: rows[0].n };
    });
    // Every breach and every page is one message to each manager and admin (no one is on call).
    const owed = managers * (CLOCKS + HANDOVERS + HANDOVERS * afterHoursClocks);
    const env = { SMTP_URL: sink.url, ACCORD_SUPPORT_EMAIL: `support@${DOMAIN}`, ACCORD_MAIL_CLAIM_SECONDS: String(CLAIM_SECONDS) };
    const start = async () => {
      const svc = await startServiceProcess({ dataDir: dir, databaseUrl: fresh.databaseUrl, policy: POLICY, env });
      running.push(svc);
      return svc;
    };

    // The outage: every message owed is refused once (the first attempts go out within seconds).
    sink.refusing = true;
    const first = await start();
    await until(async () => distinctOurs(sink.refused) >= owed, 60_000, 100);
    sink.refusing = false;
    // The retries fall due a minute (plus up to 20%) after the refusals. Once a quarter is in, the
    // worker is killed while the relay holds a message it sent (so mid-batch, with a send whose
    // outcome it never records).
    await until(async () => distinctOurs(sink.accepted) >= owed / 4 && [...sink.inHand].some((a) => isOurs(a.subject)), 150_000, 5);
    await first.kill('SIGKILL');
    await sleep(RELAY_DELAY_MS * 3); // what the relay had in hand when the sender died, it keeps
    const acceptedAtKill = [...sink.accepted];
    const atKill = await withDeskDb(dir, fresh.databaseUrl, async (db) => {
      const { rows } = await db.query<{ id: string; status: string; attempts: number }>(
        `SELECT id, status, attempts FROM outbox WHERE (payload->>'ticket_id')::uuid IN (SELECT id FROM tickets WHERE subject LIKE 'Bulk %' OR subject LIKE '${HANDOVER_SUBJECT} %')`,
      );
      const seen = (id: string, list: SinkAttempt[]) => list.filter((a) => a.messageId === outboxMessageId(id, DOMAIN)).length;
      const pending = rows.filter((r) => r.status === 'pending');
      return {
        delivered: new Set(acceptedAtKill.filter((a) => isOurs(a.subject)).map((a) => a.messageId)).size,
        recorded_sent: rows.filter((r) => r.status === 'sent').length,
        // Accepted by the relay, not yet recorded: these come again, once, after the claim.
        sent_unrecorded: pending.filter((r) => seen(r.id, acceptedAtKill) > 0).length,
        // Claimed for an attempt the relay never saw: held until the claim lapses.
        claimed_unsent: pending.filter((r) => r.attempts > seen(r.id, acceptedAtKill) + seen(r.id, sink.refused)).length,
      };
    });
    process.stderr.write(`mail-outage: killed with ${atKill.delivered} of ${owed} delivered\n`);

    const second = await start();
    await until(async () => distinctOurs(sink.accepted) >= owed, 180_000, 200);
    // Then quiet: no message for two delivery runs (every 2 s), so the last are recorded.
    let heard = -1;
    await until(async () => heard === (heard = sink.accepted.length), 30_000, 5_000);
    await second.kill('SIGTERM');

    const [breaches, mail] = await withDeskDb(dir, fresh.databaseUrl, async (db) => [
      await countEffects(db, CLOCKS, receiver.requests.map((r) => r.body)),
      await countMailEffects(db, sink, DOMAIN, { clocks: CLOCKS, handovers: HANDOVERS, afterHoursClocks }),
    ] as const);
    const { clocks, breaches_expected, breaches_done, breaches_duplicated, webhooks_expected, webhooks_received, webhooks_redelivered, webhooks_missing } = breaches;
    t.diagnostic(JSON.stringify({
      run: 'mail-outage', database: testBackend, clocks, breaches_expected, breaches_done, breaches_duplicated,
      webhooks_expected, webhooks_received, webhooks_redelivered, webhooks_missing, ...mail,
      at_kill: atKill,
    }));
    assert.equal(mail.emails_expected, owed);
    assert.equal(breaches_done, CLOCKS);
    assert.equal(breaches_duplicated, 0);
    assert.equal(webhooks_missing, 0);
    assert.equal(mail.handovers_done, HANDOVERS);
    assert.equal(mail.handovers_duplicated, 0);
    assert.equal(mail.paged_events, HANDOVERS, 'one page per hand-over on the timeline');
    assert.equal(mail.pages_queued, mail.pages_expected);
    assert.equal(mail.pages_duplicated, 0);
    assert.equal(mail.after_hours_breaches_done, mail.after_hours_breaches_expected);
    assert.equal(mail.after_hours_breaches_duplicated, 0);
    assert.equal(mail.emails_queued, owed, 'every message owed queued, and no more');
    assert.equal(mail.emails_queued_duplicated, 0);
    assert.ok(mail.refused_messages > 0, 'the outage refused something');
    assert.ok(atKill.delivered > 0 && atKill.delivered < owed, `the kill came mid-delivery (${atKill.delivered} of ${owed} delivered)`);
    assert.ok(atKill.sent_unrecorded > 0, 'and mid-batch: the killed worker had sent messages it had not recorded');
    assert.equal(mail.emails_duplicated, atKill.sent_unrecorded, 'the only duplicates are those, each sent once more');
    assert.equal(mail.emails_lost, 0, 'every message owed reached the relay');
    assert.equal(mail.emails_recorded_sent, owed, 'and is recorded as sent');
    assert.equal(mail.emails_unexplained, 0);
    assert.ok(mail.emails_max_copies <= 2, 'at most one duplicate of a message, with its Message-ID');
  } finally {
    await sink.close();
    await receiver.close();
  }
});

// The listener checks who sent what it takes in from the internet: SPF, DKIM and DMARC, looked up
// in DNS (here a resolver of the test's own, answering for customer.example and others), the
// verdict added on top of the stored message, and a From that fails DMARC held for a person.
// Mail from a trusted relay (by default this machine) is stored as it came, unchecked.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import nodemailer from 'nodemailer';
import { processInbound, startSmtpListener, type SmtpListener } from '../../src/email/index.ts';
import { checkSender } from '../../src/email/sender-check.ts';
import { ConfigError, loadConfig, networkMatcher } from '../../src/platform/index.ts';
import { openMailDesk, type MailDesk } from './support.ts';

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const DKIM_KEY = publicKey.export({ type: 'spki', format: 'der' }).toString('base64');

// The DNS of the test: customer.example sends from 203.0.113.5 only, signs with selector s1 and
// asks receivers to reject what fails DMARC; nodmarc.example publishes nothing; broken.example's
// name server fails.
const DNS: Record<string, Record<string, string[][]>> = {
  'customer.example': { TXT: [['v=spf1 ip4:203.0.113.5 -all']] },
  '_dmarc.customer.example': { TXT: [['v=DMARC1; p=reject']] },
  's1._domainkey.customer.example': { TXT: [[`v=DKIM1; k=rsa; p=${DKIM_KEY}`]] },
  'local.example': { TXT: [['v=spf1 ip4:127.0.0.1 -all']] },
  '_dmarc.local.example': { TXT: [['v=DMARC1; p=quarantine']] },
};
const resolver = async (name: string, rrtype: string) => {
  if (name.toLowerCase().endsWith('broken.example')) throw Object.assign(new Error(`queryTxt ESERVFAIL ${name}`), { code: 'ESERVFAIL' });
  const records = DNS[name.toLowerCase()]?.[rrtype];
  if (!records) throw Object.assign(new Error(`queryTxt ENOTFOUND ${name}`), { code: 'ENOTFOUND' });
  return records;
};

describe('sender checks on the SMTP listener', () => {
  let m: MailDesk;
  let checking: SmtpListener;
  let trusting: SmtpListener;
  const stored: string[] = [];
  before(async () => {
    m = await openMailDesk();
    // Contacts of the first organization at the other domains of the test's DNS.
    for (const email of ['person@local.example', 'someone@nodmarc.example', 'someone@broken.example']) {
      await m.desk.t.db.query('INSERT INTO contacts (id, organization_id, email, name, named_contact, created_at) VALUES (gen_random_uuid(), $1, $2, $3, true, $4)', [m.org1, email, email, m.desk.clock.now()]);
    }
    // Nothing trusted: the test's own connections from 127.0.0.1 are checked as if from the internet.
    checking = await startSmtpListener({ ctx: m.desk.system, settings: m.settings, host: '127.0.0.1', port: 0, trustedRelays: [], resolver, onStored: (id) => stored.push(id) });
    trusting = await startSmtpListener({ ctx: m.desk.system, settings: m.settings, host: '127.0.0.1', port: 0, resolver, onStored: (id) => stored.push(id) });
  });
  after(async () => {
    await checking.close();
    await trusting.close();
    await m.desk.close();
  });

  const send = async (port: number, mail: { from: string; envelopeFrom?: string; subject: string; dkim?: boolean; headers?: Record<string, string> }) => {
    const client = nodemailer.createTransport({
      host: '127.0.0.1', port, secure: false, ignoreTLS: true, name: 'mx.sender.example',
      ...(mail.dkim ? { dkim: { domainName: 'customer.example', keySelector: 's1', privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string } } : {}),
    });
    try {
      await client.sendMail({
        from: mail.from, to: 'support@desk.example', subject: mail.subject, text: 'Guests cannot open their rooms.', headers: mail.headers,
        envelope: { from: mail.envelopeFrom ?? mail.from, to: ['support@desk.example'] },
      });
    } finally {
      client.close();
    }
    const id = stored.at(-1)!;
    const { rows: [row] } = await m.desk.t.db.query<{ raw: Uint8Array }>('SELECT raw FROM inbound_messages WHERE id = $1', [id]);
    const raw = Buffer.from(row.raw).toString('utf8');
    const result = (await processInbound({ ctx: m.desk.system, settings: m.settings, inboundId: id }))!;
    return { raw, result, head: raw.slice(0, raw.indexOf('\r\n\r\n')) };
  };

  it('holds a forged From: SPF fails for a domain that publishes DMARC p=reject, so DMARC fails', async () => {
    const { raw, result } = await send(checking.port, { from: 'contact1@customer.example', subject: 'Forged' });
    assert.match(raw, /^Received-SPF: fail \(desk\.example: domain of contact1@customer\.example does not designate 127\.0\.0\.1 as permitted sender\)/);
    assert.match(raw, /^Authentication-Results: desk\.example;[\s\S]*?dmarc=fail \(p=REJECT/m);
    assert.equal(result.status, 'held');
    assert.match(result.outcome, /DMARC failed for contact1@customer\.example/);
    assert.equal(result.ticketId, null);
  });

  it('holds it too when the sender wrote its own Authentication-Results claiming a pass', async () => {
    const { head, result } = await send(checking.port, {
      from: 'contact1@customer.example', subject: 'Forged, with a claim', headers: { 'Authentication-Results': 'desk.example; spf=pass; dkim=pass; dmarc=pass' },
    });
    // Ours is on top; the sender's own claim stays below it, as it came.
    assert.ok(head.indexOf('dmarc=fail') < head.indexOf('dmarc=pass'));
    assert.equal(result.status, 'held');
  });

  it('takes mail its domain vouches for: SPF aligned with the From, or a DKIM signature of the From\'s domain', async () => {
    const spf = await send(checking.port, { from: 'person@local.example', subject: 'Sent from an allowed address' });
    assert.match(spf.head, /spf=pass \(desk\.example: domain of person@local\.example designates 127\.0\.0\.1 as permitted sender\)/);
    assert.match(spf.head, /dmarc=pass/);
    assert.equal(spf.result.status, 'created');
    assert.ok(spf.result.ticketId);
    // SPF passes for the envelope's domain, which is not the From's: DMARC needs alignment, and fails.
    const unaligned = await send(checking.port, { from: 'contact1@customer.example', envelopeFrom: 'bounces@local.example', subject: 'SPF for another domain' });
    assert.match(unaligned.head, /spf=pass/);
    assert.match(unaligned.head, /dmarc=fail/);
    assert.equal(unaligned.result.status, 'held');
    // Signed by customer.example (nodemailer's DKIM): DKIM passes and aligns with the From, so
    // DMARC passes although SPF fails, as for mail forwarded by a provider.
    const signed = await send(checking.port, { from: 'contact1@customer.example', subject: 'Signed, relayed', dkim: true });
    assert.match(signed.head, /dkim=pass header\.i=@customer\.example header\.s=s1/);
    assert.match(signed.head, /spf=fail/);
    assert.match(signed.head, /dmarc=pass/);
    assert.equal(signed.result.status, 'created');
    assert.ok(signed.result.ticketId);
  });

  it('takes a From whose domain publishes no DMARC as it says, and one whose lookups fail as unproven, not forged', async () => {
    const none = await send(checking.port, { from: 'someone@nodmarc.example', subject: 'No DMARC here' });
    assert.match(none.head, /dmarc=none/);
    assert.equal(none.result.status, 'created');
    const broken = await send(checking.port, { from: 'someone@broken.example', subject: 'Name server down' });
    assert.match(broken.head, /^Authentication-Results: desk\.example;[\s\S]*dmarc=temperror/m);
    assert.doesNotMatch(broken.head, /dmarc=fail/);
    assert.equal(broken.result.status, 'created');
  });

  it('stores mail from a trusted relay (this machine, by default) as it came: no lookups, its own verdicts stand', async () => {
    const { raw, result } = await send(trusting.port, { from: 'contact1@customer.example', subject: 'Via the local MTA' });
    assert.doesNotMatch(raw, /^(Received-SPF|Authentication-Results):/m);
    assert.equal(result.status, 'created');
    const relayed = await send(trusting.port, {
      from: 'contact1@customer.example', subject: 'Checked by the relay', headers: { 'Authentication-Results': 'mx.provider.example; spf=fail; dmarc=fail (p=REJECT)' },
    });
    assert.equal(relayed.result.status, 'held');
  });
});

describe('checkSender', () => {
  it('marks a message unchecked, and does not fail, when DNS does not answer in time', async () => {
    const raw = Buffer.from('From: a@customer.example\r\nTo: support@desk.example\r\nSubject: x\r\n\r\nHello\r\n');
    const check = await checkSender(raw, { ip: '198.51.100.7', helo: 'mx.example', mailFrom: 'a@customer.example', mta: 'desk.example' }, () => new Promise(() => {}), 50);
    assert.equal(check.dmarc, 'unchecked');
    assert.equal(check.headers, 'Authentication-Results: desk.example; none (sender not checked: DNS lookups took over 0.05 s)\r\n');
  });
});

describe('SMTP_TRUSTED_RELAYS', () => {
  it('matches addresses and networks, IPv4 on a dual-stack socket as IPv4', () => {
    const trusted = networkMatcher(['127.0.0.0/8', '::1/128', '192.0.2.10', '2001:db8::/32']);
    for (const yes of ['127.0.0.1', '127.255.0.9', '::1', '::ffff:127.0.0.1', '192.0.2.10', '2001:db8:1::5']) assert.equal(trusted(yes), true, yes);
    for (const no of ['128.0.0.1', '192.0.2.11', '::2', '2001:db9::1', 'localhost', '']) assert.equal(trusted(no), false, no);
  });

  it('defaults to this machine, takes "none" and a list, and names the variable and the entry when one is not an address', () => {
    assert.deepEqual(loadConfig({}).email.trustedRelays, ['127.0.0.0/8', '::1/128']);
    assert.deepEqual(loadConfig({ SMTP_TRUSTED_RELAYS: 'none' }).email.trustedRelays, []);
    assert.deepEqual(loadConfig({ SMTP_TRUSTED_RELAYS: ' 10.0.0.0/8, 2001:db8::1 ' }).email.trustedRelays, ['10.0.0.0/8', '2001:db8::1']);
    for (const bad of ['10.0.0.0/33', 'mx.example.com', '10.0.0.0/8/1', '10.0.0.0/', '::1/129']) {
      assert.throws(() => loadConfig({ SMTP_TRUSTED_RELAYS: `127.0.0.1,${bad}` }), (e: unknown) => {
        assert.ok(e instanceof ConfigError);
        assert.match(e.message, new RegExp(`SMTP_TRUSTED_RELAYS: "${bad.replace(/[./]/g, '\\$&')}" is not an IP address or a network`));
        return true;
      });
    }
  });
});

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, loadConfig } from '../../src/platform/config.ts';

describe('loadConfig', () => {
  it('applies the defaults for an empty environment', () => {
    assert.deepEqual(loadConfig({}), {
      port: 3000,
      host: '127.0.0.1',
      databaseUrl: undefined,
      dataDir: './data',
      policyPath: 'examples/policies/openback.yaml',
      demo: false,
      logLevel: 'info',
      tokenLifetimes: { contact: 90, agent: 365 },
      webhooks: { allowPrivate: false },
      email: { smtpUrl: undefined, listenPort: 2525, listenTls: null, trustedRelays: ['127.0.0.0/8', '::1/128'], supportAddress: undefined, imapUrl: undefined, imapPollSeconds: 30, maxMessageBytes: 25 * 1024 * 1024, claimSeconds: 600, mailLoopLimit: 20 },
      baseUrl: 'http://127.0.0.1:3000',
      autoAssign: null,
      retention: { ticketDays: null, mailDays: null },
      twoStepRequired: 'off',
    });
  });

  it('reads assignment in turn: off by default; the front line or every agent; a cap of open tickets, 0 for none', () => {
    assert.deepEqual(loadConfig({ ACCORD_AUTO_ASSIGN: 'front_line' }).autoAssign, { roles: 'front_line', maxOpen: null });
    assert.deepEqual(loadConfig({ ACCORD_AUTO_ASSIGN: 'agents', ACCORD_AUTO_ASSIGN_MAX_OPEN: '12' }).autoAssign, { roles: 'agents', maxOpen: 12 });
    assert.equal(loadConfig({ ACCORD_AUTO_ASSIGN_MAX_OPEN: '12' }).autoAssign, null);
    assert.throws(() => loadConfig({ ACCORD_AUTO_ASSIGN: 'round_robin' }), /ACCORD_AUTO_ASSIGN:/);
    assert.throws(() => loadConfig({ ACCORD_AUTO_ASSIGN: 'agents', ACCORD_AUTO_ASSIGN_MAX_OPEN: '-1' }), /ACCORD_AUTO_ASSIGN_MAX_OPEN:/);
  });

  it('reads how long personal data is kept: for good by default (0)', () => {
    assert.deepEqual(loadConfig({ ACCORD_RETENTION_TICKET_DAYS: '730', ACCORD_RETENTION_MAIL_DAYS: '90' }).retention, { ticketDays: 730, mailDays: 90 });
    assert.deepEqual(loadConfig({ ACCORD_RETENTION_TICKET_DAYS: '0' }).retention, { ticketDays: null, mailDays: null });
    assert.throws(() => loadConfig({ ACCORD_RETENTION_MAIL_DAYS: 'forever' }), /ACCORD_RETENTION_MAIL_DAYS:/);
  });

  it("reads whose sign-in must have a second step: nobody's by default", () => {
    for (const value of ['off', 'admins', 'agents', 'everyone'] as const) assert.equal(loadConfig({ ACCORD_TWO_STEP_REQUIRED: value }).twoStepRequired, value);
    assert.throws(() => loadConfig({ ACCORD_TWO_STEP_REQUIRED: 'all' }), /ACCORD_TWO_STEP_REQUIRED:/);
  });

  it('reads the base URL for links in mail, or builds it from the listen address', () => {
    assert.equal(loadConfig({ ACCORD_BASE_URL: 'https://status.vendor.example/' }).baseUrl, 'https://status.vendor.example');
    assert.equal(loadConfig({ HOST: '0.0.0.0', PORT: '8080' }).baseUrl, 'http://localhost:8080');
    assert.throws(() => loadConfig({ ACCORD_BASE_URL: 'ftp://x' }), /ACCORD_BASE_URL:/);
  });

  it('reads the email variables; a relay needs a support address', () => {
    const config = loadConfig({
      SMTP_URL: 'smtps://accord:secret@smtp.example.com:465', ACCORD_SUPPORT_EMAIL: 'Support@Vendor.example', SMTP_LISTEN_PORT: 'off',
      IMAP_URL: 'imaps://support%40vendor.example:pw@imap.example.com/INBOX', IMAP_POLL_SECONDS: '60', ACCORD_EMAIL_MAX_MB: '10',
      ACCORD_MAIL_CLAIM_SECONDS: '120', ACCORD_MAIL_LOOP_LIMIT: '40',
    });
    assert.deepEqual(config.email, {
      smtpUrl: 'smtps://accord:secret@smtp.example.com:465', listenPort: null, listenTls: null, trustedRelays: ['127.0.0.0/8', '::1/128'], supportAddress: 'support@vendor.example',
      imapUrl: 'imaps://support%40vendor.example:pw@imap.example.com/INBOX', imapPollSeconds: 60, maxMessageBytes: 10 * 1024 * 1024,
      claimSeconds: 120, mailLoopLimit: 40,
    });
    assert.throws(() => loadConfig({ SMTP_URL: 'smtp://relay.example.com' }), /ACCORD_SUPPORT_EMAIL: is required with SMTP_URL/);
    assert.throws(() => loadConfig({ SMTP_URL: 'http://relay.example.com', ACCORD_SUPPORT_EMAIL: 'a@b.example' }), /SMTP_URL: must be an smtp/);
    assert.throws(() => loadConfig({ SMTP_LISTEN_PORT: 'twenty' }), /SMTP_LISTEN_PORT:/);
  });

  it('reads the listener certificate for STARTTLS: both files or neither', () => {
    assert.deepEqual(loadConfig({ SMTP_TLS_CERT: '/etc/accord/mx.crt', SMTP_TLS_KEY: '/etc/accord/mx.key' }).email.listenTls, { certPath: '/etc/accord/mx.crt', keyPath: '/etc/accord/mx.key' });
    assert.throws(() => loadConfig({ SMTP_TLS_CERT: '/etc/accord/mx.crt' }), /SMTP_TLS_KEY: is required with SMTP_TLS_CERT/);
    assert.throws(() => loadConfig({ SMTP_TLS_KEY: '/etc/accord/mx.key' }), /SMTP_TLS_CERT: is required with SMTP_TLS_KEY/);
  });

  it('reads the claim on outgoing mail: 10 minutes by default, never under 10 s', () => {
    assert.equal(loadConfig({}).email.claimSeconds, 600);
    assert.equal(loadConfig({ ACCORD_MAIL_CLAIM_SECONDS: '10' }).email.claimSeconds, 10);
    // Below 10 s a live worker's claim could lapse mid-batch and its rows be sent again.
    assert.throws(() => loadConfig({ ACCORD_MAIL_CLAIM_SECONDS: '9' }), /ACCORD_MAIL_CLAIM_SECONDS:/);
    assert.throws(() => loadConfig({ ACCORD_MAIL_CLAIM_SECONDS: '1.5' }), /ACCORD_MAIL_CLAIM_SECONDS:/);
    assert.throws(() => loadConfig({ ACCORD_MAIL_CLAIM_SECONDS: 'ten' }), /ACCORD_MAIL_CLAIM_SECONDS:/);
  });

  it('reads every variable', () => {
    const config = loadConfig({
      PORT: '8080',
      HOST: '0.0.0.0',
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/accord',
      ACCORD_DATA_DIR: '/var/lib/accord',
      ACCORD_POLICY: 'examples/policies/other.yaml',
      ACCORD_DEMO: '1',
      LOG_LEVEL: 'debug',
      ACCORD_TOKEN_DAYS_CONTACT: '30',
      ACCORD_TOKEN_DAYS_AGENT: '180',
      ACCORD_WEBHOOKS_ALLOW_PRIVATE: 'true',
      ACCORD_BASE_URL: 'https://support.example.com/',
    });
    assert.equal(config.baseUrl, 'https://support.example.com');
    assert.deepEqual(config.tokenLifetimes, { contact: 30, agent: 180 });
    assert.deepEqual(config.webhooks, { allowPrivate: true });
    assert.equal(config.port, 8080);
    assert.equal(config.host, '0.0.0.0');
    assert.equal(config.databaseUrl, 'postgres://postgres@127.0.0.1:5432/accord');
    assert.equal(config.demo, true);
    assert.equal(config.logLevel, 'debug');
  });

  it('names every bad variable in one error', () => {
    assert.throws(
      () => loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud', ACCORD_DEMO: 'maybe', ACCORD_WEBHOOKS_ALLOW_PRIVATE: 'sure' }),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        const text = error.message;
        for (const name of ['PORT', 'DATABASE_URL', 'LOG_LEVEL', 'ACCORD_DEMO', 'ACCORD_WEBHOOKS_ALLOW_PRIVATE']) assert.match(text, new RegExp(`${name}:`));
        assert.match(text, /"eighty"/);
        return true;
      },
    );
  });

  it('refuses a port out of range', () => {
    assert.throws(() => loadConfig({ PORT: '70000' }), /PORT:/);
  });

  it('refuses a base URL that is not http or https', () => {
    assert.throws(() => loadConfig({ ACCORD_BASE_URL: 'ftp://support.example.com' }), (e: unknown) => e instanceof ConfigError && /ACCORD_BASE_URL/.test(e.message));
  });
});

// The `accord` command as a user runs it: exit codes, output formats, no stack traces.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('../../', import.meta.url).pathname;
const EXAMPLES = ['openkey', 'openback', 'openmethods', 'officespace', 'opscom'].map((n) => `examples/policies/${n}.yaml`);

function accord(...args: string[]) {
  const r = spawnSync(process.execPath, ['bin/accord.js', ...args], { cwd: root, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('accord policy check', () => {
  it('exits 0 for every example policy', () => {
    const r = accord('policy', 'check', ...EXAMPLES);
    assert.equal(r.code, 0, r.err);
    assert.equal(r.out.trim().split('\n').length, 5);
  });

  it('exits 1 with file:line:column: field.path: message and no stack trace', () => {
    const dir = mkdtempSync(join(tmpdir(), 'accord-'));
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, readFileSync(join(root, EXAMPLES[1]), 'utf8').replace('priority: 2', 'priority: high').replace('named_contacts: 1', 'named_contacts: -1'));
    const r = accord('policy', 'check', bad, EXAMPLES[0]);
    assert.equal(r.code, 1);
    const lines = r.err.trim().split('\n');
    assert.equal(lines.length, 2, r.err);
    for (const l of lines) assert.match(l, /^\/.+bad\.yaml:\d+:\d+: plans\[\d\]\.\w+: .+$/);
    assert.doesNotMatch(r.err, /\n\s+at /);
    writeFileSync(bad, readFileSync(join(root, EXAMPLES[1]), 'utf8').replace('calendar: weekdays-and-saturday', 'calendar: weekends'));
    assert.match(accord('policy', 'check', bad).err, /bad\.yaml:\d+:\d+: plans\[2\]\.calendar: unknown calendar "weekends"/);
    const yamlError = join(dir, 'syntax.yaml');
    writeFileSync(yamlError, 'accord: 1\nvendor: [unclosed\n');
    const y = accord('policy', 'check', yamlError);
    assert.equal(y.code, 1);
    assert.match(y.err, /syntax\.yaml:\d+:\d+: \(yaml\): /);
    assert.match(accord('policy', 'check', join(dir, 'missing.yaml')).err, /missing\.yaml:1:1: \(file\): no such file/);
  });
});

describe('accord policy render', () => {
  it('prints Markdown by default and HTML on request', () => {
    const md = accord('policy', 'render', EXAMPLES[1], '--year', '2026');
    assert.equal(md.code, 0, md.err);
    assert.match(md.out, /^# OpenBack Customer Support Policy/);
    const html = accord('policy', 'render', EXAMPLES[1], '--format', 'html');
    assert.match(html.out, /^<!doctype html>/);
    assert.equal(accord('policy', 'render', EXAMPLES[1], '--format', 'pdf').code, 2);
  });
});

describe('accord sla simulate', () => {
  it('prints exactly one JSON object with --json, for all five examples', () => {
    const cases: Array<[string, string, string, string]> = [
      [EXAMPLES[0], 'standard', '2', '2026-12-02T16:00:00Z'],
      [EXAMPLES[1], 'enterprise', '3', '2026-12-02T10:00:00Z'],
      [EXAMPLES[2], 'premium', '1', '2026-12-05T15:00:00Z'],
      [EXAMPLES[3], 'standard', '1', '2026-12-24T03:00:00Z'],
      [EXAMPLES[4], 'premium', '1', '2026-12-05T03:00:00Z'],
    ];
    for (const [file, plan, sev, opened] of cases) {
      const r = accord('sla', 'simulate', '--policy', file, '--plan', plan, '--severity', sev, '--opened', opened, '--json');
      assert.equal(r.code, 0, r.err);
      const doc = JSON.parse(r.out);
      assert.deepEqual(Object.keys(doc), ['targets']);
      assert.ok(doc.targets.length > 0, file);
      for (const t of doc.targets) {
        assert.deepEqual(Object.keys(t).sort(), ['clock', 'due', 'explain', 'goal', 'metric']);
        assert.match(t.due, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
        assert.ok(t.goal === null || /Z$/.test(t.goal));
        assert.ok(t.explain.length > 0 && t.explain.every((l: unknown) => typeof l === 'string'));
      }
    }
  });

  it('pauses only the metrics the policy\'s pause rules name, and says when a clock is not paused', () => {
    // OpenBack states no pause: Pro Severity 2 from Wed 10:00 GMT stays due Thu 10:00 GMT.
    const none = accord('sla', 'simulate', '--policy', EXAMPLES[1], '--plan', 'pro', '--severity', '2', '--opened', '2026-12-02T10:00:00Z',
      '--pause', '2026-12-02T12:00:00Z/2026-12-02T14:00:00Z', '--json');
    assert.equal(none.code, 0, none.err);
    const [t] = JSON.parse(none.out).targets;
    assert.equal(t.due, '2026-12-03T10:00:00Z');
    assert.ok(t.explain.some((l: string) => l.startsWith('Not paused ') && l.includes('this policy has no pause rules')));
    const text = accord('sla', 'simulate', '--policy', EXAMPLES[1], '--plan', 'pro', '--severity', '2', '--opened', '2026-12-02T10:00:00Z',
      '--pause', '2026-12-02T12:00:00Z/2026-12-02T14:00:00Z');
    assert.match(text.out, /This policy has no pause rules: --pause stops no clock\./);

    // A test-local policy: OpenMethods with "pending_customer stops update, resolution".
    const dir = mkdtempSync(join(tmpdir(), 'accord-'));
    const file = join(dir, 'paused.yaml');
    writeFileSync(file, `${readFileSync(join(root, EXAMPLES[2]), 'utf8')}\npauses:\n  - { status: pending_customer, metrics: [update, resolution] }\n`);
    const args = ['sla', 'simulate', '--policy', file, '--plan', 'premium', '--severity', '1', '--opened', '2026-12-05T15:00:00Z', '--pause', '2026-12-05T15:10:00Z/2026-12-05T15:40:00Z'];
    for (const extra of [[], ['--pause-status', 'pending_customer']]) {
      const r = accord(...args, ...extra, '--json');
      assert.equal(r.code, 0, r.err);
      const doc = JSON.parse(r.out);
      assert.deepEqual(Object.keys(doc), ['targets']);
      const [first, update] = doc.targets;
      // First response 30 min, not paused: 15:30. Update 60 min plus the 30 min pause: 16:30.
      assert.deepEqual([first.metric, first.due, update.metric, update.due], ['first_response', '2026-12-05T15:30:00Z', 'update', '2026-12-05T16:30:00Z']);
      assert.ok(first.explain.some((l: string) => l.startsWith('Not paused ')));
      assert.ok(update.explain.some((l: string) => l.startsWith('Paused ') && l.includes('30 min')));
    }
    const unknown = accord(...args, '--pause-status', 'pending_third_party');
    assert.equal(unknown.code, 2);
    assert.match(unknown.err, /no pause rule for status "pending_third_party" \(statuses with pause rules: pending_customer \(Waiting on customer\)\)/);
    // In text, statuses and metrics by the names the pages use, not their codes.
    const words = accord(...args);
    assert.equal(words.code, 0, words.err);
    assert.match(words.out, /^First response: due 2026-12-05T15:30:00Z/m);
    assert.match(words.out, /^Update: due 2026-12-05T16:30:00Z/m);
    assert.match(words.out, /no pause rule of this policy names First response \(Waiting on customer stops Update and Resolution\); this clock keeps running\./);
    assert.match(words.out, /Pauses stop this clock: Waiting on customer stops Update under this policy\./);
    assert.doesNotMatch(words.out, /pending_customer|first_response|update:/);
    assert.equal(accord('sla', 'simulate', '--policy', file, '--plan', 'premium', '--severity', '1', '--opened', '2026-12-05T15:00:00Z', '--pause-status', 'pending_customer').code, 2);
  });

  it('names an after-hours rule by who staffs it and its own words, not by its id', () => {
    // OPS-COM, Friday 22:00 EST by email, critical: taken after hours by on-call personnel.
    const r = accord('sla', 'simulate', '--policy', EXAMPLES[4], '--plan', 'premium', '--severity', '1', '--opened', '2026-12-05T03:00:00Z', '--channel', 'email');
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^After-hours support staffed by on-call personnel applies: After hours support is limited to critical issues\. Critical is defined as system outages or issues that threaten immediate work stoppage\./m);
    assert.doesNotMatch(r.out, /critical-on-call|After-hours rule/);
    // 03:00 UTC plus the rule's 15 minutes and 1 hour of real time.
    assert.match(r.out, /^Triage: due 2026-12-05T03:15:00Z/m);
    assert.match(r.out, /^Status notification: due 2026-12-05T04:00:00Z/m);
  });

  it('a channel the plan lacks: not taken, in intake\'s words, with no target (OpenBack Growth by phone)', () => {
    // "Phone | Provided to our Pro and Enterprise Customers": Growth has none. Wed 2 Dec 2026 10:00 GMT,
    // within 9am – 6pm GMT: its email and its chat are both open, so intake offers them.
    const args = ['sla', 'simulate', '--policy', EXAMPLES[1], '--plan', 'growth', '--severity', '1', '--opened', '2026-12-02T10:00:00Z', '--channel', 'phone'];
    const refusal = 'Not taken by Phone: The Growth plan does not include Phone; use Email, Chat.';
    const json = accord(...args, '--json');
    assert.equal(json.code, 0, json.err);
    assert.deepEqual(JSON.parse(json.out), { targets: [], refusal });
    const text = accord(...args);
    assert.equal(text.code, 0, text.err);
    assert.match(text.out, new RegExp(`^${refusal.replace(/[.;]/g, '\\$&')}$`, 'm'));
    assert.doesNotMatch(text.out, /First response|No measured target|is not included/);
    // The help says what --json gives then.
    assert.match(accord('--help').out, /a request the plan does not take through --channel,\n.*: "targets":\[\] and its "refusal"/);
  });

  it('a live channel closed at --opened, with no after-hours rule taking it: not taken, in intake\'s words (OPS-COM Premium by telephone)', () => {
    // "Telephone Support is available to our Premium customers Mon-Fri 9-5 EST"; after hours "This support
    // is provided by email". Wed 2 Dec 2026 18:00 EST (23:00Z): the telephone, email and online ticket are
    // closed until Thu 09:00 EST; after-hours support takes a critical issue by email only. "then", not
    // "now": the simulated request is at --opened, not at the time the command runs.
    const args = ['sla', 'simulate', '--policy', EXAMPLES[4], '--plan', 'premium', '--severity', '1', '--opened', '2026-12-02T23:00:00Z', '--channel', 'phone'];
    const refusal = 'Not taken by Telephone Support: Telephone Support is closed then; it opens Thu Dec 3 2026 09:00 AM EST; a request by Email or Online support ticket ' +
      'is taken then, and work on it resumes Thu Dec 3 2026 09:00 AM EST, unless it is one that after-hours support takes through Email: Critical.';
    const json = accord(...args, '--json');
    assert.equal(json.code, 0, json.err);
    assert.deepEqual(JSON.parse(json.out), { targets: [], refusal });
    const text = accord(...args);
    assert.equal(text.code, 0, text.err);
    assert.ok(text.out.split('\n').includes(refusal), text.out);
    assert.doesNotMatch(text.out, /Triage|No measured target|only staffed|waits for/);
    assert.match(accord('--help').out, /or one closed at --opened that no after-hours rule takes it through/);
  });

  it('a channel the policy does not know is a usage error naming the ones it does; a kind still finds its channel', () => {
    const base = ['sla', 'simulate', '--policy', EXAMPLES[4], '--plan', 'premium', '--severity', '2', '--opened', '2026-12-02T15:00:00Z'];
    const fax = accord(...base, '--channel', 'fax');
    assert.equal(fax.code, 2);
    assert.match(fax.err, /unknown channel "fax" \(channels: email, phone, web\)/);
    // OpenMethods' Customer Care is a web channel whose id is "support": --channel web finds it, as before.
    const methods = ['sla', 'simulate', '--policy', EXAMPLES[2], '--plan', 'standard', '--severity', '2', '--opened', '2026-12-02T15:00:00Z', '--json'];
    assert.equal(accord(...methods, '--channel', 'web').code, 0);
    const unknown = accord(...methods, '--channel', 'fax');
    assert.equal(unknown.code, 2);
    assert.match(unknown.err, /unknown channel "fax" \(channels: support, status-page, or a kind: web\)/);
  });

  it('explains in text without --json and reads local times in the plan time zone', () => {
    const r = accord('sla', 'simulate', '--policy', EXAMPLES[3], '--plan', 'standard', '--severity', '2', '--opened', '2026-12-24T20:00');
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /First response: due 2026-12-28T13:00:00Z/);
    assert.match(r.out, /Holidays on the way: 2026-12-25 Christmas\./);
  });

  it('rejects bad arguments with exit 2 and a message', () => {
    const r = accord('sla', 'simulate', '--policy', EXAMPLES[1], '--plan', 'gold', '--severity', '2', '--opened', '2026-12-02T10:00:00Z');
    assert.equal(r.code, 2);
    assert.match(r.err, /unknown plan "gold" \(plans: growth, pro, enterprise\)/);
    assert.equal(accord('sla', 'simulate', '--policy', EXAMPLES[1], '--plan', 'pro', '--severity', '2', '--opened', 'yesterday').code, 2);
    assert.equal(accord('sla', 'simulate', '--plan', 'pro').code, 2);
    assert.equal(accord('frobnicate').code, 2);
  });
});

describe('accord output piped into a reader that stops early (| head)', () => {
  it('ends quietly, with no stack trace, when the reader has closed the pipe', async () => {
    const child = spawn(process.execPath, ['bin/accord.js', 'policy', 'render', 'examples/policies/openback.yaml', '--format', 'html'], { cwd: root });
    child.stdout.destroy(); // the reader is gone before the first line is written
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const [code] = await once(child, 'close');
    assert.equal(err, '');
    assert.equal(code, 0);
  });
});

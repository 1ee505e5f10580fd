// Forbidden links (OPS-COM: never link a Sentry issue on a client's ticket): hosts are
// compared after WHATWG URL normalisation, so spelling tricks do not slip through.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { forbiddenLink, forbiddenLinksInText } from '../../src/policy/index.ts';
import { examplePolicy, exampleSource, policyFrom } from '../helpers/policies.ts';

const opscom = examplePolicy('opscom');

describe('forbiddenLink', () => {
  const FORBIDDEN: Array<[string, string]> = [
    ['https://sentry.io/organizations/acme/issues/1/', 'the host itself'],
    ['https://sentry.io./x', 'a trailing dot'],
    ['https://sentry.io../x', 'trailing dots'],
    ['https://SENTRY.IO:443/x', 'upper case and a port'],
    ['https://foo.sentry.io/x', 'a subdomain'],
    ['https://user@sentry.io/x', 'userinfo'],
    ['https://user:pw@Foo.Sentry.IO.:8443/a?b#c', 'all of them'],
    ['http://sentry.io/x', 'plain http'],
    ['https:sentry.io/x', 'no slashes (the URL parser still finds the host)'],
    ['https:\\\\sentry.io\\x', 'backslashes'],
    ['https://sentry%2eio/x', 'a percent-encoded dot'],
    ['https://ｓｅｎｔｒｙ.io/x', 'full-width letters (IDN mapping)'],
    ['https://sentry。io/x', 'an ideographic full stop'],
    ['sentry.io/x', 'a bare host/path'],
    ['//sentry.io/x', 'a protocol-relative link'],
  ];
  for (const [url, what] of FORBIDDEN) {
    it(`forbids ${url} (${what})`, () => {
      const hit = forbiddenLink(opscom, url);
      assert.ok(hit, url);
      assert.equal(hit.host, 'sentry.io');
      assert.match(hit.reason, /never link a sentry issue directly to a client's ticket/);
    });
  }

  const ALLOWED: Array<[string, string]> = [
    ['https://notsentry.io/x', 'a different host ending in the same letters'],
    ['https://sentry.io.example.com/x', 'sentry.io as a subdomain of another host'],
    ['https://example.com/?next=https://sentry.io/x', 'sentry.io only in the query'],
    ['https://sentry.io%2F@evil.example/', 'sentry.io only in the userinfo'],
    ['https://jira.example/browse/OPS-1', 'the tracker the seed says to use'],
    ['mailto:bob@sentry.io', 'an e-mail address'],
    ['not a url', 'text'],
    ['', 'nothing'],
  ];
  for (const [url, what] of ALLOWED) {
    it(`allows ${JSON.stringify(url)} (${what})`, () => assert.equal(forbiddenLink(opscom, url), null));
  }

  it('forbids nothing under a policy without forbidden hosts', () => {
    assert.equal(forbiddenLink(examplePolicy('openback'), 'https://sentry.io/x'), null);
  });

  it('normalises the policy side too (case and a trailing dot in the file)', () => {
    const policy = policyFrom(exampleSource('opscom').replace('- host: sentry.io', '- host: Sentry.IO.'));
    assert.equal(forbiddenLink(policy, 'https://x.sentry.io/1')?.host, 'sentry.io');
  });
});

describe('forbiddenLinksInText', () => {
  it('finds every forbidden link in a reply body, with its position, and nothing else', () => {
    const body = [
      'See sentry.io/acme/issues/1, or (https://SENTRY.io./x).',
      'Mail bob@sentry.io; the tracker is https://jira.example/OPS-1 and notsentry.io/x is fine,',
      'as is sentry.io.example.com/x. <a href="https://user@foo.sentry.io/y">here</a> //sentry.io/q',
    ].join('\n');
    const found = forbiddenLinksInText(opscom, body);
    assert.deepEqual(found.map((f) => f.url), ['sentry.io/acme/issues/1', 'https://SENTRY.io./x', 'https://user@foo.sentry.io/y', '//sentry.io/q']);
    assert.ok(found.every((f) => f.host === 'sentry.io' && body.startsWith(f.url, f.index)));
  });

  it('finds none in text without links, or under a policy without forbidden hosts', () => {
    assert.deepEqual(forbiddenLinksInText(opscom, 'We fixed it. Thanks!'), []);
    assert.deepEqual(forbiddenLinksInText(examplePolicy('openback'), 'https://sentry.io/x'), []);
  });
});

describe('validation of forbidden hosts', () => {
  it('refuses a URL or a path where a host belongs', () => {
    const r = policyFrom.bind(null, exampleSource('opscom').replace('- host: sentry.io', '- host: https://sentry.io/x'));
    assert.throws(r, /is not a host name/);
  });
});

// The SSRF rule, address by address and URL by URL. Pure: no database, no network.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { checkWebhookUrl, classifyAddress, refusedAddress } from '../../src/webhooks/index.ts';

describe('classifyAddress', () => {
  const table: Array<[string, 'public' | 'private' | 'never']> = [
    ['8.8.8.8', 'public'],
    ['93.184.216.34', 'public'],
    ['172.15.255.255', 'public'],
    ['172.32.0.0', 'public'],
    ['127.0.0.1', 'private'],
    ['127.255.255.254', 'private'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['100.64.0.1', 'private'],
    ['192.0.2.10', 'private'],
    ['0.0.0.0', 'never'],
    ['169.254.169.254', 'never'],
    ['169.254.0.1', 'never'],
    ['224.0.0.1', 'never'],
    ['239.255.255.250', 'never'],
    ['255.255.255.255', 'never'],
    ['2606:4700:4700::1111', 'public'],
    ['::1', 'private'],
    ['[::1]', 'private'],
    ['fc00::1', 'private'],
    ['fd12:3456:789a::1', 'private'],
    ['2001:db8::1', 'private'],
    ['::', 'never'],
    ['fe80::1', 'never'],
    ['fe80::1%eth0', 'never'],
    ['ff02::1', 'never'],
    // IPv6 forms carrying an IPv4 address are judged by it.
    ['::ffff:127.0.0.1', 'private'],
    ['::ffff:7f00:1', 'private'],
    ['::ffff:169.254.169.254', 'never'],
    ['::ffff:8.8.8.8', 'public'],
    ['64:ff9b::10.0.0.1', 'private'],
    ['64:ff9b::808:808', 'public'],
    ['2002:a9fe:a9fe::1', 'never'],
    ['2002:0808:0808::1', 'public'],
    ['::127.0.0.1', 'private'],
  ];
  for (const [address, expected] of table) {
    it(`${address} is ${expected}`, () => assert.equal(classifyAddress(address)?.class, expected));
  }

  it('is null for what is not an IP address', () => {
    assert.equal(classifyAddress('hooks.example.com'), null);
    assert.equal(classifyAddress('1.2.3'), null);
  });
});

describe('refusedAddress', () => {
  it('refuses private addresses unless allowed, and never-addresses always', () => {
    assert.match(refusedAddress('10.0.0.1', false)!, /10\.0\.0\.1 is a private \(RFC 1918\) address \(ACCORD_WEBHOOKS_ALLOW_PRIVATE/);
    assert.equal(refusedAddress('10.0.0.1', true), null);
    assert.equal(refusedAddress('127.0.0.1', true), null);
    assert.match(refusedAddress('169.254.169.254', true)!, /link-local/);
    assert.match(refusedAddress('0.0.0.0', true)!, /unspecified/);
    assert.match(refusedAddress('ff02::1', true)!, /multicast/);
    assert.equal(refusedAddress('8.8.8.8', false), null);
  });
});

describe('checkWebhookUrl', () => {
  const off = { allowPrivate: false };
  const on = { allowPrivate: true };
  const refusal = (url: string, options = off) => {
    try {
      checkWebhookUrl(url, options);
      return null;
    } catch (error) {
      return (error as { details: Array<{ path: string; message: string }> }).details[0];
    }
  };

  it('accepts public https URLs, normalised', () => {
    assert.equal(checkWebhookUrl('https://Hooks.Example.COM/accord?x=1', off), 'https://hooks.example.com/accord?x=1');
    assert.equal(checkWebhookUrl('https://8.8.8.8:8443/h', off), 'https://8.8.8.8:8443/h');
  });

  it('refuses literal private addresses in every spelling the URL parser accepts', () => {
    for (const url of [
      'https://127.0.0.1/h',
      'https://127.1/h',
      'https://2130706433/h',
      'https://0x7f000001/h',
      'https://[::1]/h',
      'https://[::ffff:127.0.0.1]/h',
      'https://10.0.0.8/h',
      'https://169.254.169.254/latest/meta-data/',
      'https://[fd00::1]/h',
      'https://0.0.0.0/h',
      'https://224.0.0.1/h',
    ]) {
      const problem = refusal(url);
      assert.ok(problem, `${url} refused`);
      assert.equal(problem.path, 'url');
      assert.match(problem.message, /address/);
    }
  });

  it('refuses localhost and names under it', () => {
    for (const url of ['https://localhost/h', 'https://LOCALHOST./h', 'https://api.localhost:8443/h']) {
      assert.match(refusal(url)!.message, /is this machine/, url);
    }
  });

  it('allows private targets and plain http only when configured, never link-local or multicast', () => {
    assert.equal(checkWebhookUrl('http://127.0.0.1:9000/h', on), 'http://127.0.0.1:9000/h');
    assert.equal(checkWebhookUrl('https://localhost/h', on), 'https://localhost/h');
    assert.equal(checkWebhookUrl('https://10.0.0.8/h', on), 'https://10.0.0.8/h');
    assert.match(refusal('https://169.254.169.254/', on)!.message, /link-local/);
    assert.match(refusal('https://[ff02::1]/', on)!.message, /multicast/);
  });

  it('refuses other schemes, plain http by default, credentials and non-URLs', () => {
    assert.match(refusal('ftp://hooks.example.com/')!.message, /http\(s\)/);
    assert.match(refusal('file:///etc/passwd')!.message, /http\(s\)/);
    assert.match(refusal('http://hooks.example.com/')!.message, /must use https/);
    assert.match(refusal('https://user:pw@hooks.example.com/')!.message, /credentials/);
    assert.match(refusal('hooks.example.com/h')!.message, /absolute http\(s\) URL/);
  });
});

// Password hashes: new ones use one of OWASP's scrypt settings (N=2^14, r=8, p=5: 16 MiB); the
// parameters travel in the hash, so hashes made with the earlier settings still verify.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { scryptSync } from 'node:crypto';
import { hashPassword, verifyPassword } from '../../src/customers/secrets.ts';

describe('password hashes', () => {
  it('are scrypt$16384$8$5$salt$hash and verify only the right password', async () => {
    const stored = await hashPassword('correct horse battery');
    assert.match(stored, /^scrypt\$16384\$8\$5\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    assert.equal(await verifyPassword('correct horse battery', stored), true);
    assert.equal(await verifyPassword('correct horse batterY', stored), false);
  });

  // Each stored hash is made here with node's scrypt and an earlier setting, not by hashPassword.
  for (const { label, N, p, salt, password, wrong } of [
    { label: 'the first settings (N=2^17, r=8, p=1)', N: 2 ** 17, p: 1, salt: '0123456789abcdef', password: 'demo-admin', wrong: 'demo-admiN' },
    { label: 'the settings of 2026-11 (N=2^15, r=8, p=3)', N: 2 ** 15, p: 3, salt: 'fedcba9876543210', password: 'demo-manager', wrong: 'demo-manager ' },
  ]) {
    it(`verifies a hash made with ${label}`, async () => {
      const saltBytes = Buffer.from(salt);
      const key = scryptSync(password, saltBytes, 32, { N, r: 8, p, maxmem: 256 * 1024 * 1024 });
      const old = ['scrypt', N, 8, p, saltBytes.toString('base64url'), key.toString('base64url')].join('$');
      assert.equal(await verifyPassword(password, old), true);
      assert.equal(await verifyPassword(wrong, old), false);
    });
  }
});

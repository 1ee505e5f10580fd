// Password hashes: new ones use one of OWASP's scrypt settings (N=2^15, r=8, p=3: 32 MiB); the
// parameters travel in the hash, so hashes made with the earlier N=2^17, p=1 still verify.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { scryptSync } from 'node:crypto';
import { hashPassword, verifyPassword } from '../../src/customers/secrets.ts';

describe('password hashes', () => {
  it('are scrypt$32768$8$3$salt$hash and verify only the right password', async () => {
    const stored = await hashPassword('correct horse battery');
    assert.match(stored, /^scrypt\$32768\$8\$3\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    assert.equal(await verifyPassword('correct horse battery', stored), true);
    assert.equal(await verifyPassword('correct horse batterY', stored), false);
  });

  it('verifies a hash made with the earlier parameters (N=2^17, r=8, p=1)', async () => {
    const salt = Buffer.from('0123456789abcdef');
    const key = scryptSync('demo-admin', salt, 32, { N: 2 ** 17, r: 8, p: 1, maxmem: 256 * 1024 * 1024 });
    const old = ['scrypt', 131072, 8, 1, salt.toString('base64url'), key.toString('base64url')].join('$');
    assert.equal(await verifyPassword('demo-admin', old), true);
    assert.equal(await verifyPassword('demo-admiN', old), false);
  });
});

// The published JSON Schema is generated from the zod schema; the committed file must match.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { policyJsonSchema } from '../../src/policy/index.ts';

it('schema/policy.schema.json is up to date (regenerate with npm run schema)', () => {
  const committed = JSON.parse(readFileSync(new URL('../../schema/policy.schema.json', import.meta.url), 'utf8'));
  assert.deepEqual(committed, policyJsonSchema());
});

it('every example policy points editors at the schema', () => {
  for (const name of ['openkey', 'openback', 'openmethods', 'officespace', 'opscom']) {
    const text = readFileSync(new URL(`../../examples/policies/${name}.yaml`, import.meta.url), 'utf8');
    assert.match(text, /^# yaml-language-server: \$schema=\.\.\/\.\.\/schema\/policy\.schema\.json/);
  }
});

// What a verb's InvalidInputError says (its message and the fields it names), for tests that
// compare the whole refusal; any other outcome fails the test.
import assert from 'node:assert/strict';
import { InvalidInputError, type ErrorDetail } from '../../src/platform/index.ts';

export async function refusalOf(p: Promise<unknown>): Promise<{ message: string; details: ErrorDetail[] }> {
  try {
    await p;
  } catch (e) {
    if (e instanceof InvalidInputError) return { message: e.message, details: e.details };
    throw e;
  }
  assert.fail('expected a refusal');
}

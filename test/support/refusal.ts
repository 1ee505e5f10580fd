// What a verb's InvalidInputError (or another error of the closed set, a ConflictError say)
// says, its message and the fields it names, for tests that compare the whole refusal; any other
// outcome fails the test.
import assert from 'node:assert/strict';
import { AccordError, InvalidInputError, type ErrorDetail } from '../../src/platform/index.ts';

export async function refusalOf(p: Promise<unknown>, kind: abstract new (...args: never[]) => AccordError = InvalidInputError): Promise<{ message: string; details: ErrorDetail[] }> {
  try {
    await p;
  } catch (e) {
    if (e instanceof kind) return { message: e.message, details: e.details };
    throw e;
  }
  assert.fail('expected a refusal');
}

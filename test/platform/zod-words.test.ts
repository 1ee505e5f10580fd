// A refused field in words (platform/zod-words.ts), not the validator's defaults ("Invalid UUID",
// "Too small: expected array to have >=1 items"), wherever a schema gives no message of its own:
// in a verb's refusal, the API's details and the pages alike.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { z } from 'zod';
import { InvalidInputError, parseInput } from '../../src/platform/index.ts';

const refused = (schema: z.ZodType, input: unknown): Record<string, string> => {
  try {
    parseInput(schema, input);
  } catch (error) {
    assert.ok(error instanceof InvalidInputError);
    return Object.fromEntries(error.details.map((d) => [d.path, d.message]));
  }
  return assert.fail('accepted');
};

describe('refusals in words', () => {
  it('says what is wrong with each field, in words', () => {
    const S = z.strictObject({
      id: z.uuid(), status: z.enum(['open', 'solved']), kind: z.literal('faq'), name: z.string().min(1).max(5), code: z.string().min(3),
      minutes: z.number().int().min(1).max(600), share: z.number().gt(0), tags: z.array(z.string()).min(1).max(2), picks: z.array(z.string()).min(2),
      email: z.email(), url: z.url(), when: z.iso.datetime(), day: z.iso.date(), flag: z.boolean(), text: z.string(), count: z.number(), list: z.array(z.string()),
    });
    assert.deepEqual(refused(S, {
      id: 'x', status: 'lost', kind: 'page', name: 'too long', code: 'ab', minutes: 1.5, share: 0, tags: ['a', 'b', 'c'], picks: ['a'],
      email: 'nobody', url: 'not a url', when: 'tomorrow', day: '2026-13-01', flag: 'yes', text: 5, count: 'five', list: 'a', extra: 1, other: 2,
    }), {
      id: 'is not a valid id',
      status: 'must be one of: open, solved',
      kind: 'must be faq',
      name: 'must be at most 5 characters',
      code: 'must be at least 3 characters',
      minutes: 'must be a whole number',
      share: 'must be more than 0',
      tags: 'must have at most 2 items',
      picks: 'must have at least 2 items',
      email: 'is not an email address',
      url: 'is not a web address (like https://example.com/page)',
      when: 'is not a date and time (like 2026-12-02T10:00:00Z)',
      day: 'is not a date (YYYY-MM-DD)',
      flag: 'must be true or false',
      text: 'must be text',
      count: 'must be a number',
      list: 'must be a list',
      '': 'extra, other are not fields this takes',
    });
    assert.deepEqual(refused(S.pick({ name: true, tags: true, minutes: true }), { name: '', tags: [], minutes: 601 }), {
      name: 'must not be empty', tags: 'must have at least one item', minutes: 'must be at most 600',
    });
    assert.deepEqual(refused(S.pick({ id: true }), {}), { id: 'is required' });
  });

  it('a message the schema gives itself still wins', () => {
    assert.deepEqual(refused(z.object({ tag: z.string().max(3, 'a tag is at most 3 letters') }), { tag: 'long' }), { tag: 'a tag is at most 3 letters' });
  });
});

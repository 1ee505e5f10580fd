// What a request by a written channel closed now is told (closed-channel-words.ts takenForLater): one
// wording, used by a closed live channel's refusal and by the portal's new-case form (web/promised.ts
// closedNow), with the opening in the reader's own zone where one is given, else in the hours' zone.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { takenForLater } from '../../src/tickets/index.ts';
import { examplePolicy } from '../helpers/policies.ts';

describe('takenForLater', () => {
  const policy = examplePolicy('openback');
  const email = policy.file.channels.find((c) => c.id === 'email')!;
  // Sat 5 Dec 2026 10:00 GMT: OpenBack's Growth email is answered in the weekday hours and "from 6pm to
  // 9am": it opens at 18:00 GMT, 19:00 in Berlin (CET); Growth's Severity 1 is "6 hours, 24x7".
  const at = Date.parse('2026-12-05T10:00:00Z');

  it("says the opening in the hours' zone, as the policy states them", () => {
    assert.deepEqual(takenForLater(policy, 'growth', [email], at).map((x) => x.text), [
      'a request by Email is taken now, and work on it resumes Sat 5 Dec 2026 18:00 GMT, unless it is severity 1 (Critical), whose time runs round the clock',
    ]);
  });

  it("says it in the reader's own zone when given, the levels that do not wait apart for the form", () => {
    const [x] = takenForLater(policy, 'growth', [email], at, 'Europe/Berlin');
    assert.equal(x.text, 'a request by Email is taken now, and work on it resumes Sat 5 Dec 2026 19:00 CET, unless it is severity 1 (Critical), whose time runs round the clock');
    assert.equal(x.unless, ', unless it is severity 1 (Critical), whose time runs round the clock');
    assert.equal(x.opens, Date.parse('2026-12-05T18:00:00Z'));
  });
});

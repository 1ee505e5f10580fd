// The terms a change ended and the terms it left (recompute-clocks.ts termsOfChange): a regrade
// changes the severity under the policy version in force then; a move to a new version changes the
// version under the severity in force then. By hand, a ticket opened on version 1 at severity 1:
// regraded to 2 at 10:00 (version 1 in force), moved to version 2 at 11:00 (severity 2 in force),
// regraded to 3 at 12:00 (version 2 in force); the ticket now on version 2, severity 3.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { termsOfChange } from '../../src/tickets/recompute-clocks.ts';
import type { EventRow } from '../../src/tickets/store.ts';

const entry = (id: string, at: string, type: string, data: Record<string, unknown>, seq: number): EventRow => ({
  id, ticket_id: 't', at: Temporal.Instant.from(at), actor_kind: 'agent', actor_id: null, type, visibility: 'internal', body: null, data, seq,
});

describe('the terms before and after a regrade or a move to a new policy version', () => {
  const events = [
    entry('r1', '2026-12-02T10:00:00Z', 'regraded', { from: 1, to: 2 }, 2),
    entry('m', '2026-12-02T11:00:00Z', 'policy_changed', { from: 1, to: 2 }, 3),
    entry('r2', '2026-12-02T12:00:00Z', 'regraded', { from: 2, to: 3 }, 4),
  ];
  const ticket = { policy_version: 2, severity: 3 };
  const terms = (id: string) => {
    const e = events.find((x) => x.id === id)!;
    return [termsOfChange(ticket, events, e, 'before'), termsOfChange(ticket, events, e, 'after')];
  };

  it('the first regrade: severity 1 to 2 under version 1', () => {
    assert.deepEqual(terms('r1'), [{ version: 1, severity: 1 }, { version: 1, severity: 2 }]);
  });
  it('the move: version 1 to 2 at severity 2', () => {
    assert.deepEqual(terms('m'), [{ version: 1, severity: 2 }, { version: 2, severity: 2 }]);
  });
  it('the second regrade: severity 2 to 3 under version 2', () => {
    assert.deepEqual(terms('r2'), [{ version: 2, severity: 2 }, { version: 2, severity: 3 }]);
  });
  it('an entry of before the desk wrote numbers says no terms', () => {
    assert.equal(termsOfChange(ticket, events, entry('x', '2026-12-02T13:00:00Z', 'policy_changed', {}, 5), 'before'), null);
  });
});

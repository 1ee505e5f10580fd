// The JSON Accord shows the world: snake_case keys and ISO instants, at any depth.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { camelToSnake, snakeToCamel, toWire } from '../../src/platform/wire.ts';

describe('wire format', () => {
  it('renames keys to snake_case and prints instants, in nested objects and arrays', () => {
    const dueAt = Temporal.Instant.from('2026-12-21T09:00:00.25Z');
    assert.deepEqual(toWire({ ticketId: 'x', clocks: [{ dueAt, metAt: null, businessHours: { openDays: [1, 2] } }], severity: 2 }), {
      ticket_id: 'x',
      clocks: [{ due_at: '2026-12-21T09:00:00.25Z', met_at: null, business_hours: { open_days: [1, 2] } }],
      severity: 2,
    });
    // Asked twice (the second time from the remembered key names): the same.
    assert.deepEqual(toWire({ ticketId: 'y' }), { ticket_id: 'y' });
    assert.equal(camelToSnake('firstResponseAt'), 'first_response_at');
    assert.equal(snakeToCamel('first_response_at'), 'firstResponseAt');
  });

  it('keeps a key named __proto__ as a plain key, without touching the prototype', () => {
    const wire = toWire(JSON.parse('{"__proto__": {"polluted": true}, "aB": 1}')) as Record<string, unknown>;
    assert.equal(Object.getPrototypeOf(wire), Object.prototype);
    assert.deepEqual(Object.keys(wire), ['__proto__', 'a_b']);
    assert.equal((wire as { polluted?: unknown }).polluted, undefined);
    assert.deepEqual(JSON.parse(JSON.stringify(wire)), JSON.parse('{"__proto__": {"polluted": true}, "a_b": 1}'));
  });
});

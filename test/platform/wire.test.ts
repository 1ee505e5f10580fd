// The JSON Accord shows the world: snake_case keys and ISO instants, at any depth.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { camelToSnake, instantText, snakeToCamel, toWire } from '../../src/platform/wire.ts';

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

  it('prints remembered instants as when first printed, after others pushed them out too', () => {
    // Twelve instants (more than the eight remembered), each printed three times over, with the
    // same objects: every text is the instant's own ISO form, written out here by hand.
    const texts = [
      '1969-07-20T20:17:40Z', '1970-01-01T00:00:00Z', '2026-12-03T08:51:05.370950928Z', '2026-12-03T08:51:05.370950929Z',
      '2026-12-21T09:00:00.25Z', '2027-03-28T01:00:00Z', '2027-10-31T00:59:59.999Z', '2038-01-19T03:14:08Z',
      '2100-02-28T23:59:59.000000001Z', '0999-12-31T23:59:59Z', '+010000-01-01T00:00:00Z', '2026-12-03T08:51:05Z',
    ];
    const instants = texts.map((t) => Temporal.Instant.from(t));
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < instants.length; i++) assert.equal(instantText(instants[i]), texts[i]);
      for (let i = instants.length - 1; i >= 0; i--) assert.equal(instantText(instants[i]), texts[i]);
    }
    // An equal instant that is another object: the same text.
    assert.equal(instantText(Temporal.Instant.from('2026-12-03T08:51:05.370950928Z')), '2026-12-03T08:51:05.370950928Z');
    assert.deepEqual(toWire({ at: instants[2], list: [instants[4], null] }), { at: texts[2], list: [texts[4], null] });
  });
});

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { TestClock, systemClock } from '../../src/platform/clock.ts';

describe('clocks', () => {
  it('the test clock stands still until set or advanced', () => {
    const clock = new TestClock('2025-03-30T00:30:00Z');
    assert.equal(clock.now().toString(), '2025-03-30T00:30:00Z');
    clock.advance({ hours: 2, minutes: 15 });
    assert.equal(clock.now().toString(), '2025-03-30T02:45:00Z');
    clock.set('2026-01-01T00:00:00Z');
    assert.equal(clock.now().toString(), '2026-01-01T00:00:00Z');
  });

  it('the system clock returns an Instant near the wall clock', () => {
    const drift = Math.abs(systemClock.now().epochMilliseconds - Date.now());
    assert.ok(drift < 1_000);
  });
});

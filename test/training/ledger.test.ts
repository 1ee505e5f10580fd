// The ledger's rules, pure: which grants a session is charged to, the balance on a date, and
// what happens beyond it. Amounts in minutes; every expected value worked out by hand.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { balanceOn, chargeSession, type GrantLot } from '../../src/training/index.ts';

const lot = (id: string, validFrom: string, validUntil: string, remainingMinutes: number): GrantLot => ({ id, validFrom, validUntil, remainingMinutes });

describe('the training ledger', () => {
  it('charges a session to the one grant valid on its day', () => {
    assert.deepEqual(chargeSession([lot('year', '2026-01-01', '2026-12-31', 120)], '2026-05-04', 90), {
      charges: [{ grantId: 'year', minutes: 90 }],
      balanceMinutes: 120,
      overdraftMinutes: 0,
    });
  });

  it('uses the grant expiring first first, then the next', () => {
    const lots = [lot('year', '2026-01-01', '2026-12-31', 120), lot('half', '2026-01-01', '2026-06-30', 60)];
    // 60 from "half" (ends 30 June), the other 30 from "year".
    assert.deepEqual(chargeSession(lots, '2026-03-01', 90).charges, [
      { grantId: 'half', minutes: 60 },
      { grantId: 'year', minutes: 30 },
    ]);
    // On 1 July "half" has expired: only "year" counts.
    assert.equal(balanceOn(lots, '2026-07-01'), 120);
    assert.deepEqual(chargeSession(lots, '2026-07-01', 90).charges, [{ grantId: 'year', minutes: 90 }]);
  });

  it('counts both ends of a validity and nothing outside it', () => {
    const lots = [lot('year', '2026-01-01', '2026-12-31', 120)];
    assert.equal(balanceOn(lots, '2025-12-31'), 0);
    assert.equal(balanceOn(lots, '2026-01-01'), 120);
    assert.equal(balanceOn(lots, '2026-12-31'), 120);
    assert.equal(balanceOn(lots, '2027-01-01'), 0);
  });

  it('breaks a tie on expiry by the earlier start, then by the order the grants were made', () => {
    const lots = [lot('later', '2026-03-01', '2026-12-31', 60), lot('earlier', '2026-01-01', '2026-12-31', 60)];
    assert.deepEqual(chargeSession(lots, '2026-04-01', 30).charges, [{ grantId: 'earlier', minutes: 30 }]);
    const sameDates = [lot('a', '2026-01-01', '2026-12-31', 60), lot('b', '2026-01-01', '2026-12-31', 60)];
    assert.deepEqual(chargeSession(sameDates, '2026-04-01', 90).charges, [
      { grantId: 'a', minutes: 60 },
      { grantId: 'b', minutes: 30 },
    ]);
  });

  it('beyond the balance: the excess goes to the grant valid longest, and the overdraft is what the balance lacked', () => {
    const lots = [lot('half', '2026-01-01', '2026-06-30', 30), lot('year', '2026-01-01', '2026-12-31', 30)];
    // Balance 60; a 90-minute session takes 30 + 30 and puts the last 30 on "year" (to -30).
    assert.deepEqual(chargeSession(lots, '2026-02-01', 90), {
      charges: [
        { grantId: 'half', minutes: 30 },
        { grantId: 'year', minutes: 60 },
      ],
      balanceMinutes: 60,
      overdraftMinutes: 30,
    });
  });

  it('a grant already below zero lowers the balance, and a later session is charged only what grants hold', () => {
    const lots = [lot('old', '2026-01-01', '2026-12-31', -120), lot('new', '2026-11-01', '2027-06-30', 600)];
    assert.equal(balanceOn(lots, '2026-12-01'), 480);
    // 540 minutes against a balance of 480: 60 beyond it. All 540 come from "new" (it holds
    // 600); "old" stays at -120, so the balance after is 60 - 120 = -60 = 480 - 540.
    assert.deepEqual(chargeSession(lots, '2026-12-01', 540), { charges: [{ grantId: 'new', minutes: 540 }], balanceMinutes: 480, overdraftMinutes: 60 });
    // In 2027 "old" has expired, and its overdraft with it.
    assert.equal(balanceOn(lots, '2027-01-04'), 600);
  });

  it('with no grant valid on the day there is nothing to charge', () => {
    assert.deepEqual(chargeSession([lot('year', '2026-01-01', '2026-12-31', 120)], '2027-01-05', 60), { charges: [], balanceMinutes: 0, overdraftMinutes: 60 });
  });
});

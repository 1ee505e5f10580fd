// Whether an after-hours rule's words already give its channels' addresses (wordsGiveAddresses):
// then the portal quotes the words alone, without a "Reached by" list saying the numbers again.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { wordsGiveAddresses } from '../../src/policy/index.ts';

// OpenKey's rule, as the seed words it, and its two phone channels as its policy gives them.
const OPENKEY = 'For emergency assistance during off hours, our Support team can be reached at 1 (877) 800-2006 (answered 24/7/365). '
  + 'Emergency Tier 2 issues outside of business hours can be addressed by calling 877-800-2008.';
const PHONE = { kind: 'phone' as const, address: '1-877-800-2008' };
const EMERGENCY = { kind: 'phone' as const, address: '1 (877) 800-2006' };

describe('wordsGiveAddresses', () => {
  it("OpenKey: both numbers are in the rule's words, one without its country code", () => {
    assert.equal(wordsGiveAddresses(OPENKEY, [PHONE, EMERGENCY]), true);
  });

  it('a number the words do not give, or one sharing only its last digits, is not given', () => {
    assert.equal(wordsGiveAddresses(OPENKEY, [PHONE, { kind: 'phone', address: '1-877-800-2007' }]), false);
    assert.equal(wordsGiveAddresses('call extension 2008', [PHONE]), false);
  });

  it('OPS-COM: "This support is provided by email" names no address, so the channel is not given', () => {
    assert.equal(wordsGiveAddresses('This support is provided by email and is staffed by on-call personnel.', [{ kind: 'email', address: undefined }]), false);
  });

  it('an email address is given as written, in any case; no channels is not "every channel given"', () => {
    assert.equal(wordsGiveAddresses('Write to Support@OpenKey.co at any hour.', [{ kind: 'email', address: 'support@openkey.co' }]), true);
    assert.equal(wordsGiveAddresses(OPENKEY, []), false);
  });
});

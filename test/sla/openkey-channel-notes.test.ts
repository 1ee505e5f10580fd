// OpenKey (seed 000): why-this-deadline notes on the channel a request came through. The seed's
// words, copied here:
//   "Regular Business Hours 9 am - 5 pm CST M-F"
//   "Email support@openkey.co"
//   "Submit a ticket or browse our FAQ's via the OpenKey Support page"
//   "Chat support is available during regular business hours 9 am - 5 pm CST M-F via the chat bubble ..."
//   "Call 1-877-800-2008 (Answered 24/7/365)"; "For emergency assistance during off hours, our
//    Support team can be reached at 1 (877) 800-2006 (answered 24/7/365)."
// The seed states hours for chat, none for email or the support page: those are worked in the
// regular business hours by Accord's reading (publish_hours: false), said as ours, not as OpenKey's.
// Sat 5 Dec 2026 12:00 CST = 18:00Z; the next regular business hours open Mon 7 Dec 09:00 CST.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { simulate } from '../helpers/policies.ts';

const SATURDAY_NOON = '2026-12-05T18:00:00Z';
const HOURS = 'Mon-Fri 09:00-17:00 CST (America/Chicago, CDT in summer)';

describe('OpenKey: notes on a channel say whose word its hours are', () => {
  it('the support page, whose hours the seed never states: our reading, in our regular business hours', () => {
    const notes = simulate('openkey', 'standard', 2, SATURDAY_NOON, 'web').notes;
    assert.ok(notes.includes(`As we read the policy, OpenKey Support page is staffed in our regular business hours, ${HOURS}; it opens Mon Dec 7 2026 09:00 AM CST.`), notes.join('\n'));
    assert.ok(!notes.some((n) => n.startsWith('OpenKey Support page is only staffed')), notes.join('\n'));
  });

  it('email, whose hours the seed never states either', () => {
    const notes = simulate('openkey', 'standard', 2, SATURDAY_NOON, 'email').notes;
    assert.ok(notes.includes(`As we read the policy, Email is staffed in our regular business hours, ${HOURS}; it opens Mon Dec 7 2026 09:00 AM CST.`), notes.join('\n'));
  });

  it('chat, whose hours the seed states ("available during regular business hours 9 am - 5 pm CST M-F"): said as a fact', () => {
    const notes = simulate('openkey', 'standard', 2, SATURDAY_NOON, 'chat').notes;
    assert.ok(notes.includes(`Chat support is only staffed ${HOURS}; it opens Mon Dec 7 2026 09:00 AM CST.`), notes.join('\n'));
  });

  it('an emergency by email names the two lines that take it after hours as a person would: "... or ..."', () => {
    const notes = simulate('openkey', 'standard', 1, SATURDAY_NOON, 'email').notes;
    assert.ok(notes.includes('Outside regular business hours, an Emergency Tier 2 request is only taken through Customer Assistance or Emergency assistance during off hours; through Email it waits for regular business hours.'), notes.join('\n'));
  });
});

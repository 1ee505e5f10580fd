// A ticket's channel as people read it (policy/channel-names.ts): the name the vendor gives its channel
// of the kind the ticket came by, Accord's plain label only where it has no channel of that kind a
// request comes by. Expected names copied by hand from the seeds' contact lines.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { channelName, channelWords } from '../../src/policy/index.ts';
import { examplePolicy, exampleSource, policyFrom } from '../helpers/policies.ts';

describe('channel names', () => {
  it('OfficeSpace: "Phone Support", "Email Support", "Web Support"; no chat, so "Chat"', () => {
    const p = examplePolicy('officespace');
    assert.deepEqual(['phone', 'email', 'web', 'chat', 'api'].map((k) => channelName(p, k, 'standard')), ['Phone Support', 'Email Support', 'Web Support', 'Chat', 'API']);
  });

  it('OpenKey: its first phone line, "Customer Assistance", not the off-hours emergency line; "OpenKey Support page"', () => {
    const p = examplePolicy('openkey');
    assert.equal(channelName(p, 'phone', 'standard'), 'Customer Assistance');
    assert.equal(channelName(p, 'web'), 'OpenKey Support page');
    assert.equal(channelName(p, 'chat'), 'Chat support');
  });

  it('OpenMethods: a web request came by "Customer Care", not the Status Page', () => {
    assert.equal(channelName(examplePolicy('openmethods'), 'web', 'premium'), 'Customer Care');
  });

  it("OpenBack: the web channel is its Documentation, a place to read: a portal case came by Accord's \"Web form\"", () => {
    const p = examplePolicy('openback');
    assert.equal(channelName(p, 'web', 'growth'), 'Web form');
    assert.equal(channelWords(p, 'web', 'growth'), 'the web form');
    assert.equal(channelName(p, 'email', 'growth'), 'Email');
    assert.equal(channelWords(p, 'api'), 'the API');
  });

  it("of two channels of a kind, the plan's: a plan with the second line only names that one", () => {
    const source = exampleSource('openkey').replace('channels: { phone: 24x7, emergency-phone: 24x7,', 'channels: { emergency-phone: 24x7,');
    assert.notEqual(source, exampleSource('openkey'));
    const p = policyFrom(source);
    assert.equal(channelName(p, 'phone', 'standard'), 'Emergency assistance during off hours');
    assert.equal(channelName(p, 'phone'), 'Customer Assistance');
  });
});

// Component groups: a policy variant with grouped components, read through the pure page config,
// the Statuspage components (a group is a component with `group: true` and its members' ids), and
// the group's derived status.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createIncident, publicState, statusPageOf, v2Body } from '../../src/status/index.ts';
import { loadPolicySource } from '../../src/policy/index.ts';
import { examplePolicySource, openDesk } from '../support/desk.ts';

const grouped = examplePolicySource('openmethods').replace(
  `    - { id: media-bar, name: Media bar }
    - { id: interaction-flows, name: Interaction flows and screen pops }
    - { id: chat-routing, name: Chat routing }
    - { id: email-routing, name: Email routing }`,
  `    - { id: media-bar, name: Media bar, group: Agent desktop }
    - { id: interaction-flows, name: Interaction flows and screen pops, group: Agent desktop }
    - { id: chat-routing, name: Chat routing, group: Routing }
    - { id: email-routing, name: Email routing, group: Routing }`,
);

describe('component groups', () => {
  it('the page config groups components by name, in policy order', () => {
    assert.notEqual(grouped, examplePolicySource('openmethods'), 'the variant differs from the example');
    const loaded = loadPolicySource(grouped, 'variant');
    assert.ok(loaded.ok);
    const page = statusPageOf(loaded.policy)!;
    assert.deepEqual(page.groups.map((g) => [g.id, g.name, g.componentIds]), [
      ['group-agent-desktop', 'Agent desktop', ['media-bar', 'interaction-flows']],
      ['group-routing', 'Routing', ['chat-routing', 'email-routing']],
    ]);
    assert.deepEqual(page.components.map((c) => c.groupId), ['group-agent-desktop', 'group-agent-desktop', 'group-routing', 'group-routing']);
  });

  it("/api/v2 lists each group as a component with group: true, its members' ids and their worst status", async () => {
    const d = await openDesk('openmethods', '2026-12-02T10:00:00Z', grouped);
    try {
      await createIncident({ ctx: d.ctx(d.agent), input: { name: 'Email slow', body: 'Looking.', components: [{ id: 'email-routing', status: 'degraded_performance' }] } });
      const state = await publicState({ ...d.system, actor: { kind: 'anonymous' } });
      const body = v2Body(state, 'components.json', { baseUrl: 'https://desk.example' }) as { components: any[] };
      const routing = body.components.find((c) => c.id === 'group-routing');
      assert.deepEqual([routing.group, routing.components, routing.status, routing.group_id], [true, ['chat-routing', 'email-routing'], 'degraded_performance', null]);
      assert.equal(body.components.find((c) => c.id === 'email-routing').group_id, 'group-routing');
      assert.equal(body.components.find((c) => c.id === 'group-agent-desktop').status, 'operational');
    } finally {
      await d.close();
    }
  });
});

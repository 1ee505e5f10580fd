// The queue ranks a ticket still owed its first response by due time whatever its plan, and an
// answered one as remediation work, where OpenMethods' Premium comes first ("tickets for clients
// with Premium Support are prioritized for remediation work": queue-rank.ts). A first response the
// policy no longer owes (a new version dropped it: cancelled while running, ended once breached,
// ended-clocks.ts) is owed to nobody: the ticket is remediation work, not an unanswered one.
// Times by hand: Wednesday 2 December 2026, EST = UTC-5; Major Impairment (Severity 2) owes its
// response within 2 hours of the 6am-4pm Eastern remediation hours.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { handlePolicyReproject } from '../../src/jobs/policy-reproject-job.ts';
import { silentLogger } from '../../src/platform/index.ts';
import { activatePolicy } from '../../src/policy-versions/index.ts';
import { createTicket, getTicket, listQueue, sweepSlaClocks } from '../../src/tickets/index.ts';
import { examplePolicySource, openDesk, type Desk } from '../support/desk.ts';

describe('OpenMethods: a first response no longer owed ranks the ticket as remediation work', () => {
  let desk: Desk;
  before(async () => {
    desk = await openDesk('openmethods', '2026-12-02T14:00:00Z'); // Wednesday 09:00 EST
  });
  after(() => desk.close());

  const open = async (plan: string) => {
    const org = await desk.addOrganization(plan);
    return createTicket({ ctx: desk.ctx(org.contact), input: { subject: 'Media bar', description: 'Some agents cannot log in', intake: { affected_agents_percent: 20 } } });
  };
  const clock = async (ticketId: string) => {
    const c = (await getTicket({ ctx: desk.ctx(desk.agent), input: { ticketId } })).clocks.find((x) => x.metric === 'first_response');
    return [c?.state, c?.endedAt?.toString() ?? null];
  };

  it('breached then ended, or cancelled while running: Premium ranks with its remediation priority', async () => {
    const breached = await open('premium'); // 09:00 EST: due 11:00 EST = 16:00Z
    desk.clock.set('2026-12-02T16:05:00Z');
    assert.equal((await sweepSlaClocks({ ctx: desk.system })).breaches, 1);
    desk.clock.set('2026-12-02T16:10:00Z');
    const running = await open('premium'); // 11:10 EST: due 13:10 EST = 18:10Z, unanswered
    const priorities = async () => {
      const items = (await listQueue({ ctx: desk.ctx(desk.agent), input: { severity: 2, limit: 200 } })).items;
      return [breached.id, running.id].map((id) => items.find((i) => i.id === id)?.priority);
    };
    assert.deepEqual(await priorities(), [0, 0], 'owed their response: no plan priority yet');

    // Version 2 promises a Major Impairment no response time any more.
    const line = '      first_response: { all: { within: 2 hours, clock: remediation, label: Response time } }\n';
    const source = examplePolicySource('openmethods').replace(line, '');
    assert.notEqual(source, examplePolicySource('openmethods'));
    desk.clock.set('2026-12-02T16:20:00Z');
    await activatePolicy({ ctx: desk.ctx(desk.admin), input: { source } });
    await handlePolicyReproject({ db: desk.t.db, clock: desk.clock, logger: silentLogger() });
    assert.deepEqual(await clock(breached.id), ['breached', '2026-12-02T16:20:00Z']);
    assert.deepEqual(await clock(running.id), [undefined, null], 'cancelled: not shown');
    // Premium's priority is 1 (examples/policies/openmethods.yaml), for remediation work.
    assert.deepEqual(await priorities(), [1, 1]);
  });
});

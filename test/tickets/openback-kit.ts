// OpenBack's Severity 1 on Enterprise (seed: "Initial Response Time" within 1 hour, 24x7), as the
// tests of a miss a regrade or a new policy version moves open it, and its first response clock.
import { createTicket, getTicket } from '../../src/tickets/index.ts';
import type { Desk } from '../support/desk.ts';

/** A Severity 1 on Enterprise opened at `at` (each test on its own day: the reports' windows stay apart). */
export async function severityOne(desk: Desk, at: string) {
  desk.clock.set(at);
  const org = await desk.addOrganization('enterprise');
  return createTicket({ ctx: desk.ctx(org.contact), input: { subject: 'All keys fail', description: 'Nobody can enter', severity: 1 } });
}

/** The ticket's first response clock as an agent reads it. */
export async function firstResponseClock(desk: Desk, ticketId: string) {
  return (await getTicket({ ctx: desk.ctx(desk.agent), input: { ticketId } })).clocks.find((x) => x.metric === 'first_response')!;
}

/** Its state, due time and breach: [state, due, breachedAt]. */
export async function firstResponseDue(desk: Desk, ticketId: string): Promise<[string, string | null, string | null]> {
  const c = await firstResponseClock(desk, ticketId);
  return [c.state, c.due?.toString() ?? null, c.breachedAt?.toString() ?? null];
}

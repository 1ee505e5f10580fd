// Marking a ticket as not covered by support, with the policy's own words (OpenBack:
// "Implementations not using the OpenBack Limited SDKs", or the SDK requirement): its severity
// clocks are cancelled and the customer sees why on the timeline, under the policy's heading for
// the list, and is mailed it once (coverage-mail.ts). Null marks it covered again: they are told that too.
import { InvalidInputError, parseInput, type Ctx } from '../platform/index.ts';
import { SetCoverageInput } from './schemas.ts';
import { mailCoverageChanged } from './coverage-mail.ts';
import { COVERED_AGAIN } from './coverage-words.ts';
import { requireAgent, writeEvent, type Coverage } from './store.ts';
import { baseView, type TicketView } from './view.ts';
import { writeOnTicket } from './write-context.ts';

export async function setTicketCoverage({ ctx, input }: { ctx: Ctx; input: SetCoverageInput }): Promise<Omit<TicketView, 'clocks'>> {
  const data = parseInput(SetCoverageInput, input);
  return writeOnTicket(ctx, data.ticketId, async ({ tx, ticket, now, policy }) => {
    requireAgent(ctx.actor, 'mark coverage');
    let coverage: Coverage | null = null;
    if (data.notCovered) {
      const { kind, id } = data.notCovered;
      const list = kind === 'exclusion' ? policy.file.coverage?.not_covered ?? [] : policy.file.coverage?.requirements ?? [];
      const item = list.find((x) => x.id === id);
      if (!item) throw new InvalidInputError(`unknown ${kind}`, [{ path: 'notCovered.id', message: `must be one of ${list.map((x) => x.id).join(', ') || `none (the policy lists no ${kind}s)`}` }]);
      coverage = { kind, id, text: item.text.replace(/\s+/g, ' ').trim() };
    }
    await tx.query('UPDATE tickets SET coverage = $2::jsonb WHERE id = $1', [ticket.id, coverage ? JSON.stringify(coverage) : null]);
    const eventId = await writeEvent(tx, {
      ticketId: ticket.id, at: now, actor: ctx.actor, type: 'coverage_marked', visibility: 'public',
      body: coverage ? coverage.text : COVERED_AGAIN, data: { coverage, reason: data.reason },
    });
    const before = ticket.coverage;
    ticket.coverage = coverage;
    await mailCoverageChanged(tx, policy, ticket, { eventId, coverage, before, now });
    return baseView(ticket);
  });
}

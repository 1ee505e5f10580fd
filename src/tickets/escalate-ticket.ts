// The escalation ladder (escalation.levels): an agent moves a ticket to the next level up, or to
// a named level, with a reason. OPS-COM: front line -> escalation manager (assesses severity,
// enters the bug into JIRA) -> development -> QA; the customer is told on the original ticket.
import { ConflictError, InvalidInputError, parseInput, type Ctx } from '../platform/index.ts';
import { linkHost } from '../policy/index.ts';
import { mailEscalated } from './agent-notices.ts';
import { EscalateTicketInput } from './schemas.ts';
import { linksOn } from './public-words.ts';
import { mergedEnd, requireAgent, writeEvent } from './store.ts';
import { baseView, type TicketView } from './view.ts';
import { emitWebhookEvent } from '../webhooks/index.ts';
import { webhookTicket } from './webhook-events.ts';
import { writeOnTicket } from './write-context.ts';

export async function escalateTicket({ ctx, input }: { ctx: Ctx; input: EscalateTicketInput }): Promise<Omit<TicketView, 'clocks'>> {
  const data = parseInput(EscalateTicketInput, input);
  return writeOnTicket(ctx, data.ticketId, async ({ tx, ticket, now, policy }) => {
    requireAgent(ctx.actor, 'escalate tickets');
    const levels = policy.file.escalation?.levels ?? [];
    if (levels.length === 0) throw new ConflictError('The support policy has no escalation ladder');
    // Work goes up the ladder on a ticket still being worked: not one merged away (its work goes on
    // where it went), nor a closed one (reopened by nothing: the customer opens a new ticket).
    const end = await mergedEnd(tx, ticket);
    if (end) throw new ConflictError(`this ticket was merged into ticket #${end.number}: escalate that one`, [{ path: 'ticketId', message: `was merged into ticket #${end.number}` }]);
    if (ticket.status === 'closed') throw new ConflictError('this ticket is closed: a closed ticket is not escalated', [{ path: 'ticketId', message: 'is closed' }]);
    // A ticket starts at the first level (the front line).
    const current = ticket.escalation_level ?? levels[0].id;
    const at = levels.findIndex((l) => l.id === current);
    let target;
    if (data.toLevel !== undefined) {
      target = levels.find((l) => l.id === data.toLevel);
      if (!target) throw new InvalidInputError('unknown escalation level', [{ path: 'toLevel', message: `must be one of ${levels.map((l) => l.id).join(', ')}` }]);
      if (target.id === current) throw new ConflictError(`The ticket is already at ${target.name}`);
    } else {
      target = levels[at + 1];
      if (!target) throw new ConflictError(`The ticket is at the top of the ladder (${levels[at]?.name ?? current})`);
    }
    // The front line hands a ticket one step up, never past the level that assesses it (OPS-COM:
    // "The escalation manager will assess the bug's severity ... and enter the issue into JIRA").
    // Past that level, the ladder is the assessing level's to climb, whatever level the ticket is at.
    const reach = frontLineReach(levels);
    const assessing = reach === null ? undefined : levels[reach];
    if (ctx.actor.kind === 'agent' && ctx.actor.role === 'front_line' && assessing && levels.indexOf(target) > reach!) {
      throw new InvalidInputError('the front line escalates to the level that assesses it', [{ path: 'toLevel', message: `must be ${assessing.id} (${assessing.name}): that level takes it further` }]);
    }
    const to = levels.indexOf(target);
    const passed = to > at ? levels.slice(at + 1, to + 1) : [];
    // OPS-COM: "The escalation manager will assess the bug's severity ... and enter the issue into
    // JIRA. ... The issue will be linked through JIRA to the Help Desk conversation": a level worked
    // in a tracker is reached once the ticket carries the link to its issue there (link-ticket.ts,
    // internal), before the ETA, in the seed's order. Reached or passed on the way up, like the ETA.
    const tracked = passed.find((l) => l.tracker);
    if (tracked?.tracker) {
      const links = await linksOn(tx, ticket.id);
      if (!links.some((url) => isTrackerIssue(url, tracked.tracker!))) {
        const name = tracked.tracker.name;
        throw new ConflictError(`The issue is entered into ${name} and linked to this ticket before ${tracked.name} addresses the bug`, [
          { path: 'links', message: links.length === 0 || !tracked.tracker.issue_key
            ? `no ${name} issue linked to this ticket: link it first`
            : `no link on this ticket names a ${name} issue (its key in the address): link the issue itself` },
        ]);
      }
    }
    // OPS-COM: "The client will be advised on estimated time to resolution and the Development team
    // will address the bug": a level that requires it is reached once the client has an ETA.
    // Reached or passed on the way up: a jump over it (toLevel) owes the ETA all the same.
    const needsEta = passed.find((l) => l.requires_eta);
    if (needsEta && !ticket.eta) {
      throw new ConflictError(`The client is advised on the estimated time to resolution before ${needsEta.name} addresses the bug`, [
        { path: 'eta', message: 'none given on this ticket: reply to the client with an eta first' },
      ]);
    }
    // "Once addressed, it will be passed to the Quality Assurance team for testing": QA takes a fix
    // from the level before it, never a ticket that jumped over it (as mark-qa-verified.ts holds).
    if (target.role === 'qa' && to > at + 1) {
      const before = levels[to - 1]!;
      throw new ConflictError(`${target.name} tests a fix once it reached ${before.name}`, [
        { path: 'toLevel', message: `escalate it to ${before.id} (${before.name}) first` },
      ]);
    }
    await tx.query('UPDATE tickets SET escalation_level = $2 WHERE id = $1', [ticket.id, target.id]);
    await writeEvent(tx, {
      ticketId: ticket.id, at: now, actor: ctx.actor, type: 'escalated', visibility: 'internal', body: data.reason,
      data: { from: current, to: target.id, level: target.name, role: target.role, ...(target.tracker ? { tracker: target.tracker.name } : {}) },
    });
    ticket.escalation_level = target.id;
    await mailEscalated(tx, policy, ticket, { level: target, fromName: levels[at]?.name ?? current, reason: data.reason, actor: ctx.actor, now });
    await emitWebhookEvent(tx, { type: 'ticket.escalated', occurredAt: now, data: { ticket: webhookTicket(ticket), escalation: { fromLevel: current, toLevel: target.id } } });
    return baseView(ticket);
  });
}

/**
 * How far up the ladder the front line escalates: the index of the level that assesses what it hands
 * up (the one after the front line's), or null where the ladder has no such pair. The desk's form
 * offers a front-line agent no level past it (web/pages/ticket-view.ts).
 */
export function frontLineReach(levels: ReadonlyArray<{ role: string }>): number | null {
  const front = levels.findIndex((l) => l.role === 'front_line');
  return front >= 0 && front + 1 < levels.length ? front + 1 : null;
}

/**
 * Whether a link on the ticket (or one merged into it) is to an issue in the tracker: where the policy
 * gives the tracker's address (`tracker.url`), on its host; where it says what an issue's key looks
 * like (`tracker.issue_key`; OPS-COM's JIRA: DEV-1234), naming one in its address (path, query or
 * fragment: JIRA's /browse/DEV-1234 and ?selectedIssue=DEV-1234), standing alone, not inside a longer
 * word (a document's id). OPS-COM names JIRA and no address: "enter the issue into JIRA ... The issue
 * will be linked through JIRA to the Help Desk conversation", so a link to a page with no issue in it
 * (a log, a document) is not that link.
 */
export function isTrackerIssue(url: string, tracker: { url?: string; issue_key?: string }): boolean {
  if (tracker.url && linkHost(url) !== linkHost(tracker.url)) return false;
  if (!tracker.issue_key) return true;
  let where: string;
  try {
    const u = new URL(url);
    where = decodeURIComponent(`${u.pathname}${u.search}${u.hash}`);
  } catch {
    return false;
  }
  return new RegExp(`(?<![A-Za-z0-9])(?:${tracker.issue_key})(?![A-Za-z0-9])`).test(where);
}

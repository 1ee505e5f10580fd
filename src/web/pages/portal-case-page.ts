// A customer's case on the portal: its public timeline, severity, definition, promised times,
// clocks and ETA, and the forms its readers may use (reply, rate, solve, copy colleagues, ask for
// guidance, ask for an escalation); a refused form comes back beside its form with what was typed.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { listTicketAttachments } from '../../email/index.ts';
import { suggestArticles } from '../../kb/index.ts';
import { listContacts } from '../../customers/index.ts';
import { ctxFor } from '../../http/route-kit.ts';
import type { AccordError } from '../../platform/index.ts';
import { activePolicy, policyVersion } from '../../policy-versions/index.ts';
import { channelName } from '../../policy/index.ts';
import { answerNotes, escalationRequestsHeard, getTicket, guidanceOffer, listTicketEvents, outsideSlaType, refersToKnowledgeBase, takesEscalationRequests, ticketHasSla } from '../../tickets/index.ts';
import { formatters, planZone } from '../format.ts';
import type { WebDeps } from '../page-kit.ts';
import { customerTimeline, timelineContactIds } from '../timeline.ts';
import { afterHoursOf, definitionOf, examplesOf, promisedTimes, promisesEta, targetNamesOf } from '../promised.ts';
import { levelWords } from '../level-words.ts';
import { sendPage } from '../render.ts';
import { overruledChoice, requestNotSeverity } from './portal-words.ts';

/** The case page's forms, each of which may come back refused. */
export type CaseForm = 'reply' | 'rating' | 'solve' | 'ccs' | 'guidance' | 'escalation';

/** A refused form's HTTP status. */
export const errorStatus = (error: AccordError) => (error.code === 'invalid_input' ? 400 : error.code === 'forbidden' ? 403 : 409);

const FLASH: Record<string, string> = {
  created: 'Your case is open. Its targets are below.', reply: 'Reply sent.', rated: 'Thank you: your rating was sent to the support team.',
  solved: 'Your case is marked solved. If the problem comes back, reply and it reopens.',
  guidance: 'Your request for more guidance was sent to the support team.',
  ccs: 'Saved who is copied: they hear of this case as you do.',
  escalation: 'Your request for this case to be escalated was sent to the support team.',
};

export async function showCase(request: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply, deps: WebDeps, error: { form: CaseForm; error: AccordError; kept?: Record<string, string> } | null = null) {
  const ctx = ctxFor(request, deps);
  const ticketId = request.params.id;
  const [ticket, events, { model: policy }, attachments] = await Promise.all([
    getTicket({ ctx, input: { ticketId } }), listTicketEvents({ ctx, input: { ticketId } }), activePolicy(ctx.db), listTicketAttachments({ ctx, input: { ticketId } }),
  ]);
  const done = (request.query as { done?: string }).done;
  // The requester and the people copied rate a solved or closed case (tickets/rate-ticket.ts); a merged one is rated where it went.
  const me = ctx.actor.kind === 'contact' ? ctx.actor.id : null;
  const theirs = me === ticket.requesterId || ticket.ccs.some((c) => c.id === me);
  const mayRate = (ticket.status === 'solved' || ticket.status === 'closed') && !ticket.mergedInto && theirs;
  // Its requester and the people copied say when it is solved (tickets/solve-ticket.ts).
  const maySolve = ticket.status !== 'solved' && ticket.status !== 'closed' && theirs;
  // Its requester copies colleagues on it (tickets/ccs.ts), as their mail's Cc would.
  const mayCopy = me === ticket.requesterId && ticket.status !== 'closed';
  // The people the timeline names (a colleague who wrote, who was copied), its channel as its policy version does ("Web Support").
  const ids = timelineContactIds(events).slice(0, 200);
  const [names, runsOn] = await Promise.all([ids.length ? listContacts({ ctx, input: { ids, limit: 200 } }).then((r) => new Map(r.items.map((c) => [c.id, c.name]))) : new Map<string, string>(), policyVersion(ctx.db, ticket.policyVersion)]);
  const withSla = ticketHasSla(policy, { request_type: ticket.requestType, coverage: ticket.coverage });
  // A case the policy refers to the knowledge base (OpenKey's Tier 1) is referred there while it is
  // open, as its receipt refers it, with the articles that may answer it when any match.
  const referred = ticket.status !== 'closed' && refersToKnowledgeBase(policy, { severity: ticket.severity, request_type: ticket.requestType });
  if (referred) {
    ticket.suggestions = await suggestArticles({ ctx, input: { q: `${ticket.subject}\n${ticket.description}`.slice(0, 10_000), limit: 5 } });
  }
  const outsideSla = outsideSlaType(policy, ticket.requestType);
  // "Additional guidance will be provided upon request if the issue is outside the scope of the knowledge
  // base articles" (OpenKey Tier 1): offered to its readers with the referral, and when they last asked.
  const offer = referred && theirs ? guidanceOffer(policy, { severity: ticket.severity, request_type: ticket.requestType }) : null;
  // Its readers ask for it to be escalated where the policy answers such a request: a ladder to move
  // it up (OPS-COM) or a rule on unwarranted ones (OpenBack) (tickets/request-escalation.ts); with when they last asked.
  // By the policy version the case runs on, as the request itself is decided; not on a solved case (a reply reopens it) nor a closed one.
  const escalation = theirs && takesEscalationRequests(ticket.status) && escalationRequestsHeard(runsOn)
    ? {
      askedAt: events.filter((e) => e.type === 'escalation_requested').at(-1)?.at ?? null,
      // The policy's rule on such requests, quoted as written (OpenBack's "Support Request Abuse"), so the asker reads it before asking.
      rule: runsOn.file.abuse ? runsOn.file.abuse.text.replace(/\s+/g, ' ').trim() : null,
    }
    : null;
  // Solved, it takes none, but a reply reopens it (add-reply.ts: a contact's reply reopens a solved case
  // until it is closed) and then it does: said where the form would be, so the way to ask is not lost.
  const reopenToEscalate = theirs && ticket.status === 'solved' && escalationRequestsHeard(runsOn);
  const guidance = offer ? { offer, askedAt: events.filter((e) => e.type === 'guidance_requested').at(-1)?.at ?? null } : null;
  return sendPage(request, reply, 'portal/case', {
    title: `Case #${ticket.number}`, ticket, referred, guidance, escalation, reopenToEscalate, events: requestNotSeverity(policy, customerTimeline(policy, events, { contactName: names, me, channelName: (kind) => channelName(runsOn, kind, ticket.plan) }), outsideSla?.name ?? null), attachments, zone: planZone(policy, ticket.plan), mayRate, maySolve, mayCopy,
    ccEmails: error?.form === 'ccs' ? error.kept?.emails ?? '' : ticket.ccs.map((c) => c.email).join(', '),
    // A refused form comes back with what was typed (files are chosen again: the page says so).
    kept: error ? { form: error.form, ...(error.kept ?? {}) } : { form: null },
    // A case no severity times apply to (OpenKey's billing questions, one support does not cover) is promised none of them.
    // The receipt's words on the answers (OpenKey: a guest's question "should be handled by the Hotel
    // Staff"), said here too: a case opened on the portal is told what a mailed receipt tells.
    notes: answerNotes(policy, ticket.intake),
    // A request type outside support's SLA (OpenKey's "Billing Questions") is no service disruption,
    // whatever severity it carries: the page names the type, as the receipt does, not a severity.
    outsideSla,
    // Its level labelled and named in the vendor's words; "—" for one it never names (level-words.ts).
    level: levelWords(policy), levelShown: levelWords(policy).customer(ticket.severity), meaning: levelWords(policy).meaning(ticket.severity),
    severity: policy.severities.get(ticket.severity) ?? null, definition: definitionOf(policy, ticket.severity), promised: withSla ? promisedTimes(policy, ticket.plan, ticket.severity) : [],
    examples: examplesOf(policy, ticket.severity), afterHours: withSla ? afterHoursOf(policy, ticket.plan, ticket.severity, deps.email.settings.supportAddress) : [],
    // Each target goes by the policy's name for it (OfficeSpace's "Response Goal", not "First response"), in the
    // ticket's own policy version, as its clocks' hedges are (tickets/view.ts clockViews; partials/clocks.eta).
    names: withSla ? targetNamesOf(runsOn, ticket.plan, ticket.severity) : {},
    // No "Estimated resolution: Not given yet" where the policy promises none (OfficeSpace); one given is shown all the same.
    etaPromised: promisesEta(policy),
    overruled: overruledChoice(policy, ticket),
    // A refusal is shown beside its form; when the case has changed so that the form is gone (solved
    // in another tab, closed meanwhile), at the top of the page, where it is seen.
    error: error ? { form: { solve: maySolve, ccs: mayCopy, rating: mayRate, reply: ticket.status !== 'closed', guidance: guidance !== null, escalation: escalation !== null }[error.form] ? error.form : 'page', message: error.error.message, details: error.error.details } : null,
    // A case with no target time (OpenKey Tier 1) has no targets below to point to.
    flash: done && FLASH[done] ? { kind: 'ok', text: done === 'created' && ticket.clocks.length === 0 ? 'Your case is open.' : FLASH[done] } : null,
    // Its times in the zone of its plan's hours, named as the policy names it (GMT-6), as its targets and
    // mail are; a reader who chose a zone of their own sees theirs (render.ts), the plan's beside it.
    f: formatters(ctx.clock.now(), planZone(policy, ticket.plan)),
  }, error ? errorStatus(error.error) : 200);
}

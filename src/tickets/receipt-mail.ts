// The receipt of a new ticket: to its requester, and a copy to each colleague their mail copied
// (saying whose request it is), each with its times in the reader's own zone (reader-zone.ts).
import type { OutboxMessage } from '../outbox/index.ts';
import { endedSentence, possessive, severityLabel, severityPublished, type PolicyModel } from '../policy/index.ts';
import { withReaderTimes, type Applicable } from '../sla/index.ts';
import { targetParagraphs, type ClockFacts } from './receipt-targets.ts';
import type { Resumes } from './after-hours.ts';
import { KNOWLEDGE_BASE, portalLink, ticketReference } from './customer-mail.ts';
import { answerNotes, outsideSlaType } from './answer-notes.ts';
import { closingHandOverText, mailedReplyTakenText } from './after-hours-rules.ts';
import { guidanceOffer } from './kb-referral.ts';
import { servedOnText, type Served } from './served-words.ts';
import { notCoveredText } from './coverage-words.ts';
import type { TicketRow } from './store.ts';

/** An article of the knowledge base a receipt links to. */
export type ArticleLink = { slug: string; title: string };

/**
 * The receipt of a new ticket with its promised times (from its clocks as just projected); a
 * request that arrived outside support hours carries the acknowledgement saying when work
 * resumes in the same message. `targets` are the targets that apply to it (after-hours.ts,
 * targetsOf). The caller queues it with the ticket's other writes.
 */
export function ticketReceivedMessage(
  policy: PolicyModel,
  t: TicketRow,
  input: {
    recipient: string; acknowledgement: string | null; now: Temporal.Instant; clockRows: readonly ClockFacts[]; targets: Applicable;
    /** When the acknowledgement says work resumes, in its hours' zone: the reader's own time goes beside it. */
    resumes?: Resumes | null;
    /** The reader's own time zone (their profile's); `copiedFor`: the requester's name, on the copy to a colleague copied on the request. */
    reader?: { zone: string | null; copiedFor?: string; contactId?: string };
    articles?: readonly ArticleLink[]; referred?: boolean; served?: Served;
    /** Whether the request came as a mail; a case filed as Email without one (OpenBack's portal) is no answer to a mail. */
    byMail?: boolean;
  },
): OutboxMessage {
  const readerZone = input.reader?.zone ?? null;
  const copiedFor = input.reader?.copiedFor ?? null;
  const targets = targetParagraphs(policy, t, input.clockRows, input.targets, readerZone);
  // The severity as the portal says it ("severity 1: Critical"), or by its name alone where the
  // vendor numbers none (OfficeSpace: "Critical Technical Support").
  const named = policy.severities.get(t.severity)?.name;
  const level = policy.file.classification.numbered === false && named ? named : `${severityLabel(policy).toLowerCase()} ${t.severity}${named ? `: ${named}` : ''}`;
  // A severity nobody chose (a mail answers no question: the policy's default) is the team's to
  // assess: "Not critical" said flatly to someone who wrote "system down" would be Accord's word.
  const pending = t.classification.source === 'default' ? ', until our team assesses it' : '';
  // A request outside support's SLA (OpenKey's billing question) has no severity to speak of; nor
  // has one at a level the vendor never names (OPS-COM's "Not critical" is the desk's word, not theirs);
  // nor one the policy does not cover (OpenBack without its SDK): no times follow from its level, and
  // "until our team assesses it" would promise an assessment of a request that is not served.
  const type = outsideSlaType(policy, t.request_type);
  const outsideSla = type !== null;
  const graded = !outsideSla && !t.coverage && severityPublished(policy, t.severity) ? ` (${level}${pending})` : '';
  // A colleague the request was copied to did not send it: theirs says whose it is, the same facts after.
  const paragraphs = [copiedFor
    ? `We received ${possessive(copiedFor)} request "${t.subject}" and opened case #${t.number}${graded}; you were copied on it.`
    : `We received your request "${t.subject}" and opened case #${t.number}${graded}.`];
  // Named as the portal's case page names it, with the address the policy gives for it and how it is
  // handled, in its words (OpenKey: "Billing Questions: Email Billing@OpenKey.co"; "Sales: Start an
  // online chat or submit a Demo Request on OpenKey's website"): not left to read as a support case.
  if (type) paragraphs.push(`Request: ${type.name}${type.address ? ` (${type.address})` : ''}.${type.handling ? ` ${endedSentence(type.handling)}` : ''}`);
  // Not covered as it opened (OpenBack: "OpenBack will not provide any technical support to customers
  // who do not include the OpenBack provided SDK ..."): the policy's words, whole. An agent may still
  // mark it covered (a question that is not technical support), and the customer is then told (coverage-mail.ts).
  if (t.coverage) paragraphs.push(`${notCoveredText(policy, t.coverage)} No target times apply to it; if our team finds it is covered after all, you will be told.`);
  // Who handles such a request, in the vendor's words, by the intake answer (OpenKey: a guest's question is for the Hotel Staff).
  paragraphs.push(...answerNotes(policy, t.intake_answers));
  // Served on another plan than the organization's own (OpenBack: "only ... Standard Support" until
  // onboarding is complete): why its times are that plan's, in the policy's words, as the portal says it.
  const served = input.served ? servedOnText(policy, input.served, 'this case is', { times: targets.length > 0, quote: true }) : null;
  if (served) paragraphs.push(served);
  if (input.acknowledgement) {
    const said = copiedFor ? input.acknowledgement.replace(/^We received your request /, 'We received the request ') : input.acknowledgement;
    paragraphs.push(input.resumes ? withReaderTimes(said, [input.resumes.at], input.resumes.zone, readerZone) : said);
  }
  paragraphs.push(...targets);
  // Received in hours, its time running past the closing, where an after-hours rule takes it then (OpenKey's emergency at 16:50).
  if (targets.length > 0 && input.acknowledgement === null) paragraphs.push(...closingHandOverText(policy, t, input.clockRows.filter((r) => r.state === 'running').map((r) => r.due_at), readerZone));
  // "If the client reaches out to Support for what is deemed as a Tier 1 issue, they will be referred
  // back to our Knowledge Base" (OpenKey): whether or not an article matches, the customer is referred
  // to it (the help centre, /help), with the articles that may answer it when there are any.
  const articles = input.articles ?? [];
  const referred = input.referred ?? articles.length > 0;
  if (referred) {
    paragraphs.push(articles.length > 0
      ? `Our support policy refers such requests to our knowledge base, linked below with the articles in it that may answer ${copiedFor ? 'it' : 'yours'}.`
      : 'Our support policy refers such requests to our knowledge base, linked below.');
    // "Additional guidance will be provided upon request if the issue is outside the scope of the
    // knowledge base articles" (OpenKey Tier 1): the policy's sentence, and where to ask (ask-guidance.ts).
    const offer = guidanceOffer(policy, t);
    if (offer) paragraphs.push(`${offer} To ask for it, choose "Ask for more guidance" on case #${t.number} in the support portal and say what the articles do not cover.`);
  }
  // Sent while support is closed, where after-hours support would take a reply by email (OPS-COM:
  // a critical online case, which waits for 9-5): says that a reply goes to on call. In hours, one
  // still open at closing is handed over anyway (after-hours.ts): nothing to add.
  const toOnCall = outsideSla || t.coverage || input.acknowledgement === null ? '' : mailedReplyTakenText(policy, t);
  paragraphs.push(`Reply to this message to add to case #${t.number}; keep ${ticketReference(t.number)} in the subject.${toOnCall}`);
  return {
    kind: 'ticket_received', recipient: input.recipient, createdAt: input.now,
    subject: `${ticketReference(t.number)} ${t.subject}`, body: paragraphs.join('\n\n'),
    // auto_reply: an automatic answer to an incoming email, which the email channel rate-limits per address (loops).
    payload: {
      ticket_id: t.id, ticket_number: t.number, automatic: true, auto_reply: input.byMail ?? t.channel === 'email', after_hours: input.acknowledgement !== null,
      links: [portalLink(t), ...(referred ? [KNOWLEDGE_BASE] : []), ...articles.map((a) => ({ label: a.title, path: `/help/articles/${a.slug}` }))],
    },
    dedupeKey: input.reader?.contactId && copiedFor ? `received:${t.id}:cc:${input.reader.contactId}` : `received:${t.id}`,
  };
}

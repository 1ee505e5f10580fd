// Opening a ticket for a customer who called, chatted or wrote outside the desk (/agent/tickets/new):
// createTicket with the requester, so the policy decides as it does for the customer: the plan's
// channels and hours, named contacts, the intake answers' severity. A request the policy refuses
// is held for review: the page says so, with a link to it under Held requests, and offers no copy
// of the form filled in to send again. The form is done once however often it is sent
// (form-once.ts): the same form sent again (a reload, a double click) opens no second ticket and
// holds no second request, but comes to the same outcome.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { listContacts, listOrganizations } from '../../customers/index.ts';
import { AGENTS, ctxFor } from '../../http/route-kit.ts';
import { InvalidInputError, type Ctx } from '../../platform/index.ts';
import { channelName, requestChannelsOfKind } from '../../policy/index.ts';
import { activePolicy } from '../../policy-versions/index.ts';
import { addFiles, CHANNELS, checkFiles, createTicket, getIntake, type Intake } from '../../tickets/index.ts';
import { choicesNamed } from '../intake-words.ts';
import { formatters } from '../format.ts';
import { newFormKey, oncePerForm } from '../form-once.ts';
import { chosenLevel, inListedOrder, levelWords } from '../level-words.ts';
import { answersOf, byIds, fixableRefusal, formOf, optional, page, type Form, type WebDeps } from '../page-kit.ts';
import { sendPage } from '../render.ts';
import { filesOf } from '../uploads.ts';
import { DESCRIPTION_LIMIT as DESCRIPTION, keptForm, refuseNulInChoices, refuseOverLimit, refuseUnread, textKept, wordsWithoutNul } from '../kept-form.ts';

// An agent logs a conversation held elsewhere; "api" is for programs, not for this form.
const AGENT_CHANNELS = CHANNELS.filter((c) => c !== 'api');

/** The channels an agent answers as they open the ticket. */
const LIVE_CHANNELS = { phone: true, chat: true } as const;

/**
 * The form's words for the live channels among those it offers: OfficeSpace has phone and no chat
 * ("access to phone, email and web support"), so a call answered as it is logged, or a voicemail;
 * OpenKey has both: "on the call or chat", "a voicemail or a missed chat". `answered` null: none
 * (OpenMethods takes requests on the web alone), and the form offers no box to tick.
 */
function liveWords(channels: readonly string[]): { came: string; answered: string | null; missed: string } {
  const phone = channels.includes('phone');
  const chat = channels.includes('chat');
  const ways = [...(phone ? ['a call'] : []), ...(chat ? ['a chat'] : []), 'a message'];
  return {
    came: ways.length > 2 ? `${ways.slice(0, -1).join(', ')} or ${ways.at(-1)}` : ways.join(' or '),
    answered: phone && chat ? 'on the call or chat' : phone ? 'on the call' : chat ? 'in the chat' : null,
    missed: [...(phone ? ['a voicemail'] : []), ...(chat ? ['a missed chat'] : [])].join(' or '),
  };
}

type Refused = { message: string; details: Array<{ path: string; message: string }> };
/** A request held for review: its id, and why in the desk's words. */
type Held = { id: string; message: string };

/** What sending the form came to: kept for the same form sent again (form-once.ts), but a refusal to fix and send again. */
type Outcome = { kind: 'created'; ticketId: string } | { kind: 'held'; held: Held; status: number } | { kind: 'refused'; refused: Refused; status: number };

/** The form (a new one, or as refused with what was typed), or a held request's notice in its place. */
async function showNewTicket(request: FastifyRequest, reply: FastifyReply, deps: WebDeps, shown: { form?: Form; error?: Refused; held?: Held } = {}, code = 200) {
  const ctx = ctxFor(request, deps);
  const [intake, contacts, { model: policy }] = await Promise.all([getIntake({ ctx }), listContacts({ ctx, input: { limit: 200 } }), activePolicy(ctx.db)]);
  const orgs = await byIds(contacts.items.map((c) => c.organizationId), (ids) => listOrganizations({ ctx, input: { ids, limit: 200 } }));
  const orgName = new Map(orgs.map((o) => [o.id, o.name]));
  // A refused form keeps its key: sent again as corrected, it is another request (its fields differ).
  const form = shown.form ?? { channel: 'phone' };
  const channels = AGENT_CHANNELS.filter((c) => requestChannelsOfKind(policy, c).length > 0);
  return sendPage(request, reply, 'agent/new-ticket', {
    title: shown.held ? 'Held for review, not opened' : 'New ticket for a customer',
    // The ways in the policy takes requests through, each by the policy's name for it (OfficeSpace's "Phone Support"),
    // Accord's where it has none; no "Web form" where its only web channel is read (OpenBack's Documentation).
    // A refused choice named by the words the form shows, not the policy's ids (intake-words.ts).
    intake, form: { ...form, form_key: form.form_key || newFormKey() }, error: shown.error ? refusalNamed(intake, shown.error) : null, held: shown.held ?? null,
    channels, live: liveWords(channels), channelName: (kind: string) => channelName(policy, kind),
    severities: inListedOrder(policy, intake.severities), level: levelWords(policy),
    contacts: contacts.items.map((c) => ({ email: c.email, label: `${c.name}, ${orgName.get(c.organizationId) ?? ''}` })),
    f: formatters(ctx.clock.now()),
  }, code);
}

/** A refusal as the form's reader sees it: each refused choice by the words the form shows for it. */
function refusalNamed(intake: Intake, refused: Refused): Refused {
  const named = choicesNamed(intake, new InvalidInputError(refused.message, refused.details));
  return { message: named.message, details: named.details };
}

/** The ticket the form asks for, opened (its files with it), held, or refused; `ctx.db` is the form's transaction. */
async function openFromForm(ctx: Ctx, form: Form, files: ReturnType<typeof filesOf>): Promise<{ keep: boolean; outcome: Outcome }> {
  try {
    const email = optional(form, 'requester');
    if (!email) throw new InvalidInputError('Who is the ticket for?', [{ path: 'requester', message: "is required: the customer's email" }]);
    const contact = (await listContacts({ ctx, input: { email, limit: 1 } })).items[0];
    if (!contact) {
      throw new InvalidInputError(`No contact has the email ${email}`, [{ path: 'requester', message: 'is not a contact: an admin adds people to their organization first' }]);
    }
    const [intake, { model: policy }] = await Promise.all([getIntake({ ctx }), activePolicy(ctx.db)]);
    const severity = optional(form, 'severity');
    const channel = optional(form, 'channel');
    const ticket = await createTicket({
      ctx,
      input: {
        requesterId: contact.id, subject: form.subject ?? '', description: form.description ?? '',
        ...(channel ? { channel: channel as (typeof CHANNELS)[number] } : {}),
        ...(severity ? { severity: chosenLevel(policy, severity, 'The ticket was not opened.') } : {}),
        ...(optional(form, 'request_type') ? { requestType: optional(form, 'request_type') } : {}),
        // Ticked for a call or a chat the agent is on; by email or the web it means nothing.
        ...(form.answered_live === 'yes' && (channel ?? 'phone') in LIVE_CHANNELS ? { answeredLive: true } : {}),
        intake: answersOf(intake, form),
      },
      // Kept with the request if the policy holds it; added below if the ticket opens.
      options: { heldFiles: files },
    });
    if (files.length > 0) await addFiles({ ctx, input: { ticketId: ticket.id, files } });
    return { keep: true, outcome: { kind: 'created', ticketId: ticket.id } };
  } catch (error) {
    const refused = fixableRefusal(error);
    if (!refused) throw error;
    const heldId = refused.error.details.find((d) => d.path === 'heldRequestId')?.message;
    const details = refused.error.details.filter((d) => d.path !== 'heldRequestId');
    // Held: the request is kept (its writes commit), and so is this outcome, for the same form sent again.
    if (heldId) return { keep: true, outcome: { kind: 'held', held: { id: heldId, message: details[0]?.message ?? refused.error.message }, status: refused.status } };
    return { keep: false, outcome: { kind: 'refused', refused: { message: refused.error.message, details }, status: refused.status } };
  }
}

export function registerNewTicketPages(web: FastifyInstance, deps: WebDeps): void {
  web.get('/agent/tickets/new', page(AGENTS), (request, reply) => showNewTicket(request, reply, deps));
  // The ticket may come with files the customer sent some other way (a screenshot by chat).
  // What the agent typed is never lost: a NUL, a description too long or too long to read, come back beside the form (kept-form.ts).
  const withFiles = textKept({ ...page(AGENTS), config: { ...page(AGENTS).config, uploads: true } });
  web.post('/agent/tickets/new', withFiles, async (request, reply) => {
    const ctx = ctxFor(request, deps);
    // The words typed are read without NUL; the choices (channel, severity, request type, intake answers) go to the verb as sent, which refuses a NUL in one, naming it.
    const form = wordsWithoutNul(formOf(request), ['requester', 'subject', 'description']);
    // Checked before the ticket opens, so a refused file leaves no ticket without its files.
    let files: ReturnType<typeof filesOf>;
    try {
      refuseUnread(request, { description: DESCRIPTION });
      refuseNulInChoices(form, ['answered_live']);
      refuseOverLimit(form, 'description', DESCRIPTION, 'Shorten it, or attach the rest (a log, say) as a file.');
      files = filesOf(request);
      checkFiles(files);
    } catch (error) {
      const refused = fixableRefusal(error);
      if (!refused) throw error;
      return showNewTicket(request, reply, deps, { form: keptForm(form), error: refused.error }, refused.status);
    }
    const once = await oncePerForm(ctx.db, ctx.clock, ctx.actor, '/agent/tickets/new', form, files.map((f) => [f.filename, f.content.byteLength]),
      (db) => openFromForm({ ...ctx, db }, form, files));
    if ('busy' in once) {
      return showNewTicket(request, reply, deps, { form: keptForm(form), error: { message: 'This form was sent a moment ago and is still being dealt with: look for the ticket in the queue, or under Held requests, before sending it again.', details: [] } }, 409);
    }
    const outcome = once.outcome as Outcome;
    if (outcome.kind === 'created') return reply.redirect(`/agent/tickets/${outcome.ticketId}?done=created`, 303);
    if (outcome.kind === 'held') return showNewTicket(request, reply, deps, { held: outcome.held }, outcome.status);
    return showNewTicket(request, reply, deps, { form: keptForm(form), error: outcome.refused }, outcome.status);
  });
}

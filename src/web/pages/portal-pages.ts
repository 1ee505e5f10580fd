// The customer portal: the organization's cases, opening a case through the policy's intake
// questions (with knowledge-base suggestions while typing), a case (shown by portal-case-page.ts)
// and what its readers do on it (reply, rate, solve, copy, ask for guidance), the training balance.
// A contact reaches only its own organization: the verbs scope every read (404 otherwise).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { getProfile, listContacts, listDesignations, listOrganizations } from '../../customers/index.ts';
import { ctxFor } from '../../http/route-kit.ts';
import { InvalidInputError, isAccordError, type AccordError, type Ctx } from '../../platform/index.ts';
import { activePolicy } from '../../policy-versions/index.ts';
import { addFiles, addReply, checkFiles, createTicket, askForGuidance, getIntake, listMyHeldRequests, listTickets, namedOnlyNotice, rateTicket, setTicketCcs, solveTicket, STATUSES, ticketIdOfNumber } from '../../tickets/index.ts';
import { channelName, filedName, planNamePublished, portalFilingText } from '../../policy/index.ts';
import { filesOf } from '../uploads.ts';
import { copiedAddresses, DESCRIPTION_LIMIT as DESCRIPTION, keptForm, MESSAGE_LIMIT as MESSAGE, refuseOverLimit, refuseUnread, textKept, withoutNul } from '../kept-form.ts';
import { getTrainingBalance } from '../../training/index.ts';
import { formatters, planZone } from '../format.ts';
import { answersOf, formOf, optional, page, ticketParam, uuidParam, type Form, type WebDeps } from '../page-kit.ts';
import { afterHoursOf, closedNow, definitionOf, examplesOf, promisedTimes, promisesEta } from '../promised.ts';
import { levelWords } from '../level-words.ts';
import { choicesNamed } from '../intake-words.ts';
import { sendPage } from '../render.ts';
import { heldReasonOf, servedOn } from './portal-words.ts';
import { errorStatus, showCase } from './portal-case-page.ts';
import { pager, pagerQuery } from '../pager.ts';

const CONTACTS = ['contact'] as const;

async function showNewCase(request: FastifyRequest, reply: FastifyReply, deps: WebDeps, form: Form = {}, error: AccordError | null = null) {
  const ctx = ctxFor(request, deps);
  const [intake, { model: policy }, notNamed] = await Promise.all([getIntake({ ctx }), activePolicy(ctx.db), namedOnlyNotice({ ctx })]);
  // A refused choice named by the words the form shows ("None"), not the policy's ids (intake-words.ts).
  if (error) error = choicesNamed(intake, error);
  const org = (await listOrganizations({ ctx, input: { limit: 1 } })).items[0];
  const served = org ? servedOn(policy, org) : null;
  // A vendor that numbers no levels (OfficeSpace's "Support Levels", OpenKey's tiers) names each by
  // its name alone, as its published page does (classification.numbered: false), in the order its
  // page lists them (OfficeSpace: Basic Product Support first). A level it never names (OPS-COM's
  // "Not critical", published: false) is not offered: choosing none ("Decide from my answers")
  // gives it, as the policy's default, and the API still takes it by id.
  const level = levelWords(policy);
  const listed = level.listed().map((l) => l.id);
  // Support closed as the form opens: said before they write, not only on the receipt afterwards (QA: OPS-COM at 02:37).
  const closed = served ? closedNow(policy, served.plan, ctx.clock.now(), {
    withSla: !served.coverage, supportAddress: deps.email.settings.supportAddress, readerZone: request.webSession?.timeZone ?? null,
  }) : null;
  // What after-hours support takes, said once: by the notice while it is closed (OPS-COM's rule was said there and under Critical).
  const saidAbove = (a: { paragraphs: string[] }) => closed !== null && a.paragraphs.every((p) => closed.paragraphs.includes(p));
  const severities = intake.severities.filter((s) => listed.includes(s.id)).sort((a, b) => listed.indexOf(a.id) - listed.indexOf(b.id)).map((s) => ({
    ...s, label: level.choice(s.id), definition: definitionOf(policy, s.id), promised: served && !served.coverage ? promisedTimes(policy, served.plan, s.id) : [], examples: examplesOf(policy, s.id).examples, afterHours: served ? afterHoursOf(policy, served.plan, s.id, deps.email.settings.supportAddress).filter((a) => !saidAbove(a)) : [],
  }));
  // Refused by the policy (not a named contact, a channel the plan lacks), the request is held for
  // the team with what was typed and its files: the page says so, by the reason alone (no held
  // request id), and offers no form to send it again (a second held request).
  const heldReason = heldReasonOf(error);
  return sendPage(request, reply, 'portal/new-case', {
    title: heldReason ? 'Your request is kept for review' : 'Open a case', intake, severities, level, form, held: heldReason ? { reason: heldReason } : null, served, filedAs: served ? portalFilingText(policy, served.plan) : null, notNamed,
    closed,
    error: error && !heldReason ? { message: error.message, details: error.details } : null,
    fieldErrors: error && !heldReason ? fieldErrorsOf(error) : {},
    // In the plan's zone, as the customer's cases are worded (the reader's own, if set, wins: render.ts).
    f: formatters(ctx.clock.now(), served ? planZone(policy, served.plan) : null),
  }, error ? errorStatus(error) : 200);
}

/** A refusal's messages by the new-case form's field ids, for each to be said right after its field. */
function fieldErrorsOf(error: AccordError): Record<string, string> {
  const FIELDS: Record<string, string> = { subject: 'subject', description: 'description', severity: 'severity', requestType: 'request_type', files: 'case-files' };
  const out: Record<string, string> = {};
  for (const d of error.details) {
    const id = d.path.startsWith('intake.') ? `q_${d.path.slice('intake.'.length)}` : FIELDS[d.path.split('.')[0]];
    if (id && !out[id]) out[id] = d.message;
  }
  return out;
}

async function trainingOf(ctx: Ctx) {
  if (ctx.actor.kind !== 'contact') return null;
  try {
    return await getTrainingBalance({ ctx, input: { organizationId: ctx.actor.organizationId } });
  } catch (error) {
    // An organization without training hours has no ledger to show; anything else is a real failure.
    if (isAccordError(error) && (error.code === 'not_found' || error.code === 'invalid_input')) return null;
    throw error;
  }
}

export function registerPortalPages(web: FastifyInstance, deps: WebDeps): void {
  // The organization's cases, newest first; found by words or number, by status, or one's own only
  // (asked by them, or with them copied).
  type ListQuery = { cursor?: string; back?: string; q?: string; status?: string; mine?: string };
  const listQuery = {
    querystring: {
      type: 'object', additionalProperties: false,
      properties: {
        ...pagerQuery,
        q: { type: 'string', maxLength: 200 },
        status: { anyOf: [{ type: 'string', enum: [...STATUSES] }, { type: 'string', maxLength: 0 }] },
        mine: { type: 'string', enum: ['1', ''] },
      },
    },
  };
  web.get<{ Querystring: ListQuery }>('/portal', page(CONTACTS, listQuery), async (request, reply) => {
    const ctx = ctxFor(request, deps);
    const q = request.query;
    const me = ctx.actor.kind === 'contact' ? ctx.actor.id : null;
    const [cases, orgs, training, { model: policy }, profile, held] = await Promise.all([
      listTickets({
        ctx,
        input: {
          limit: 50,
          ...(q.q?.trim() ? { q: q.q } : {}),
          ...(q.status ? { status: q.status as (typeof STATUSES)[number] } : {}),
          ...(q.mine === '1' && me ? { involving: me } : {}),
          ...(q.cursor ? { cursor: q.cursor } : {}),
        },
      }),
      listOrganizations({ ctx, input: { limit: 1 } }),
      trainingOf(ctx),
      activePolicy(ctx.db),
      getProfile({ ctx }),
      // Their own requests the policy held, waiting for review or dismissed lately (tickets/my-held-requests.ts), above the first page of cases.
      q.cursor ? Promise.resolve([]) : listMyHeldRequests({ ctx }),
    ]);
    const org = orgs.items[0];
    const designations = org ? await listDesignations({ ctx, input: { organizationId: org.id } }) : [];
    const keep = new URLSearchParams(Object.entries({ q: q.q?.trim(), status: q.status, mine: q.mine }).filter((e): e is [string, string] => Boolean(e[1])));
    return sendPage(request, reply, 'portal/cases', {
      title: 'Our cases', cases: cases.items, org,
      // Each by the channel's name, as their cases' history names it ("Email (filed in the portal)": filedName).
      held: held.map((r) => ({ ...r, channelName: filedName(channelName(policy, r.channel, org?.planId), r.channel, r.portal) })), myMail: profile.mailUndelivered ? { ...profile.mailUndelivered, email: profile.email } : null, plan: org && planNamePublished(policy, org.planId) ? policy.plans.get(org.planId) ?? null : null, served: org ? servedOn(policy, org) : null, training, designations,
      query: q, statuses: STATUSES, filtered: keep.size > 0,
      level: levelWords(policy),
      // A case of a request type outside the SLA (OpenKey's billing questions) is listed by its type, not a severity.
      typeNames: Object.fromEntries((policy.file.request_types ?? []).filter((r) => r.sla === false).map((r) => [r.id, r.name])),
      pager: pager('/portal', keep, q, cases.nextCursor),
      // An ETA column only where the policy promises one, or a case has one (promised.ts promisesEta).
      etaColumn: promisesEta(policy) || cases.items.some((t) => t.eta),
      // Times in the zone of the organization's plan's hours, as its cases' pages give them.
      f: formatters(ctx.clock.now(), org ? planZone(policy, org.planId) : null),
    });
  });

  web.get('/portal/cases/new', page(CONTACTS), (request, reply) => showNewCase(request, reply, deps));

  // A new case and a reply may carry files (multipart forms).
  const withFiles = <T extends ReturnType<typeof page>>(options: T) => ({ ...options, config: { ...options.config, uploads: true } });
  // What the customer typed is never lost: a description too long, or too long to read, and a NUL, come back beside the form (kept-form.ts).
  web.post('/portal/cases', textKept(withFiles(page(CONTACTS))), async (request, reply) => {
    const ctx = ctxFor(request, deps);
    // Its choices go to the verb as sent (which refuses a NUL in one, naming it); its words are read, and the form shown back, without NUL.
    const sent = formOf(request);
    const form = keptForm(sent);
    try {
      refuseUnread(request, { description: DESCRIPTION });
      refuseOverLimit(form, 'description', DESCRIPTION, 'Shorten it, or attach the rest (a log, say) as a file.');
      // Checked before the case opens, so a refused file leaves no case without its files.
      const files = filesOf(request);
      checkFiles(files);
      const intake = await getIntake({ ctx });
      const severity = optional(sent, 'severity');
      const ticket = await createTicket({
        ctx,
        input: {
          subject: form.subject ?? '', description: form.description ?? '',
          ...(severity ? { severity: Number(severity) } : {}),
          ...(optional(sent, 'request_type') ? { requestType: optional(sent, 'request_type') } : {}),
          intake: answersOf(intake, sent),
        },
        // Kept with the request if the policy holds it; added below if the ticket opens.
        options: { heldFiles: files, portal: true },
      });
      if (files.length > 0) await addFiles({ ctx, input: { ticketId: ticket.id, files } });
      return reply.redirect(`/portal/cases/${ticket.id}?done=created`, 303);
    } catch (error) {
      if (!isAccordError(error) || !['invalid_input', 'forbidden', 'conflict', 'limit_exceeded'].includes(error.code)) throw error;
      return showNewCase(request, reply, deps, form, error);
    }
  });

  const caseOptions = page(CONTACTS, { ...ticketParam, querystring: { type: 'object', properties: { done: { type: 'string', maxLength: 20 } } } });
  web.get<{ Params: { id: string } }>('/portal/cases/:id', caseOptions, async (request, reply) => {
    // A case's number ("case 1042"), of the contact's organization: its page, by id.
    if (/^\d+$/.test(request.params.id)) {
      const ctx = ctxFor(request, deps);
      return reply.redirect(`/portal/cases/${await ticketIdOfNumber(ctx.db, ctx.actor, Number(request.params.id))}`, 303);
    }
    return showCase(request, reply, deps);
  });

  web.post<{ Params: { id: string } }>('/portal/cases/:id/reply', textKept(withFiles(page(CONTACTS, uuidParam))), async (request, reply) => {
    const form = keptForm(formOf(request));
    try {
      refuseUnread(request, { body: MESSAGE });
      await addReply({ ctx: ctxFor(request, deps), input: { ticketId: request.params.id, body: form.body ?? '', files: filesOf(request) } });
    } catch (error) {
      if (!isAccordError(error) || !['invalid_input', 'conflict'].includes(error.code)) throw error;
      return showCase(request, reply, deps, { form: 'reply', error, kept: form });
    }
    return reply.redirect(`/portal/cases/${request.params.id}?done=reply`, 303);
  });

  web.post<{ Params: { id: string } }>('/portal/cases/:id/guidance', textKept(page(CONTACTS, uuidParam)), async (request, reply) => {
    const form = keptForm(formOf(request));
    try {
      await askForGuidance({ ctx: ctxFor(request, deps), input: { ticketId: request.params.id, body: form.body ?? '' } });
    } catch (error) {
      if (!isAccordError(error) || !['invalid_input', 'conflict', 'forbidden'].includes(error.code)) throw error;
      return showCase(request, reply, deps, { form: 'guidance', error, kept: form });
    }
    return reply.redirect(`/portal/cases/${request.params.id}?done=guidance`, 303);
  });

  web.post<{ Params: { id: string } }>('/portal/cases/:id/solve', page(CONTACTS, uuidParam), async (request, reply) => {
    try {
      await solveTicket({ ctx: ctxFor(request, deps), input: { ticketId: request.params.id } });
    } catch (error) {
      if (!isAccordError(error) || !['conflict', 'forbidden'].includes(error.code)) throw error;
      return showCase(request, reply, deps, { form: 'solve', error });
    }
    return reply.redirect(`/portal/cases/${request.params.id}?done=solved`, 303);
  });

  // The requester copies colleagues: emails of their organization's contacts; one of no contact is refused, naming it.
  // What was typed is never lost: a NUL is removed, a list too long comes back counted beside the form (kept-form.ts).
  web.post<{ Params: { id: string } }>('/portal/cases/:id/ccs', textKept(page(CONTACTS, uuidParam)), async (request, reply) => {
    const ctx = ctxFor(request, deps);
    const typed = withoutNul(formOf(request).emails ?? '');
    try {
      const ids: string[] = [];
      for (const email of copiedAddresses(typed, { who: 'colleagues', on: 'a case' })) {
        const contact = (await listContacts({ ctx, input: { email, limit: 1 } })).items[0];
        if (!contact || contact.deactivatedAt) throw new InvalidInputError(`${email} is not a colleague we know`, [{ path: 'emails', message: `${email} is not a contact of your organization: ask the support team to add them` }]);
        ids.push(contact.id);
      }
      await setTicketCcs({ ctx, input: { ticketId: request.params.id, contactIds: ids } });
    } catch (error) {
      if (!isAccordError(error) || !['invalid_input', 'conflict', 'forbidden'].includes(error.code)) throw error;
      return showCase(request, reply, deps, { form: 'ccs', error, kept: { emails: typed } });
    }
    return reply.redirect(`/portal/cases/${request.params.id}?done=ccs`, 303);
  });

  // The customer's rating of the support on a solved or closed case; a refusal is shown beside the form.
  // The comment is words typed: a NUL in it is removed; the rating a choice, one of two (kept-form.ts).
  web.post<{ Params: { id: string } }>('/portal/cases/:id/rating', textKept(page(CONTACTS, uuidParam)), async (request, reply) => {
    const sent = formOf(request);
    const form = keptForm(sent);
    try {
      if (sent.rating !== 'good' && sent.rating !== 'bad') throw new InvalidInputError('Choose good or bad', [{ path: 'rating', message: 'choose good or bad' }]);
      await rateTicket({
        ctx: ctxFor(request, deps),
        input: { ticketId: request.params.id, rating: (form.rating ?? '') as 'good', ...(optional(form, 'comment') ? { comment: optional(form, 'comment') } : {}) },
      });
    } catch (error) {
      if (!isAccordError(error) || !['invalid_input', 'conflict', 'forbidden'].includes(error.code)) throw error;
      return showCase(request, reply, deps, { form: 'rating', error, kept: form });
    }
    return reply.redirect(`/portal/cases/${request.params.id}?done=rated`, 303);
  });
}

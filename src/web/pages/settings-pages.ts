// A person's own settings. Everyone: their name, two-step sign-in (auth/two-step.ts; where the desk requires
// it and it is off, the page says so, and it is the only page they reach) and the time zone they
// read times in (customers/profile.ts). Contacts also: the address they are known by, changed by
// a link mailed to the new one (auth/address-change.ts). Agents also: whether they are away, their signature, their forwarding
// address (email/forward.ts), and which mail they take
// about the work they hold (customers/mail-preferences.ts; the SLA mail that is not optional is
// named so nobody looks for it).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { getMailPreferences, getProfile, listOrganizations, setMailPreferences, updateProfile } from '../../customers/index.ts';
import { activePolicy } from '../../policy-versions/index.ts';
import { zoneText } from '../../policy/index.ts';
import { myForwardingAddress, renewMyForwardingAddress } from '../../email/index.ts';
import { AGENTS, ctxFor } from '../../http/route-kit.ts';
import { isAccordError, toWire, type AccordError } from '../../platform/index.ts';
import { exportContactData } from '../../privacy/index.ts';
import { myCustomerNotices, setMyCustomerNotices, statusPageOf } from '../../status/index.ts';
import {
  ADDRESS_CONFIRM_HOURS, cancelAddressChange, changePassword, confirmTwoStep, disableTwoStep, endOtherSessions, otherSessions, pendingAddressChange, requestAddressChange,
  SESSION_HOURS, startTwoStep, twoStepOf, twoStepRequiredOf, type SignedIn,
} from '../auth/index.ts';
import { formatters, planZone } from '../format.ts';
import { formOf, page, type WebDeps } from '../page-kit.ts';
import { sendPage } from '../render.ts';
import { createdOnce, takeCreated } from '../shown-once.ts';
import { renderSVG } from 'uqr';

const doneQuery = {
  querystring: {
    type: 'object', additionalProperties: false,
    properties: {
      done: { type: 'string', enum: ['saved', 'renewed', 'password', 'signed-out', 'address', 'address-kept', 'name'] },
      // The recovery codes two-step sign-in was just turned on with, kept for one read (shown-once.ts).
      created: { type: 'string', format: 'uuid' },
    },
  },
};
const FLASH: Record<string, string> = {
  saved: 'Saved.', renewed: 'You have a new forwarding address; mail to the old one opens nothing now.',
  password: 'Your password is changed; you are signed out everywhere else.', 'signed-out': 'You are signed out everywhere else.',
  address: `We mailed a link to the new address: open it within ${ADDRESS_CONFIRM_HOURS} hours to make the change.`,
  'address-kept': 'Your address stays as it is: the link we mailed works no more.',
  name: 'Your name is changed.',
};

// Every IANA zone the runtime knows, for the select (UTC is the empty choice).
let zones: string[] | null = null;
const zoneList = () => (zones ??= Intl.supportedValuesOf('timeZone'));

type Shown = { twoStepError?: AccordError; passwordError?: AccordError; addressError?: AccordError; addressTyped?: string; nameError?: AccordError; nameTyped?: string };

/**
 * The zone of the contact's organization's plan's hours and its label as the policy writes it, with
 * the zone it is kept in and its summer name where it has one (policy/render/zone-words.ts: "GMT
 * (Europe/London, BST in summer)", as the published hours say it: "GMT" alone would be untrue of the
 * BST times the same choice shows in July); a fixed offset as the vendor states it ("GMT-6"). Null without one.
 */
async function contactZone(ctx: ReturnType<typeof ctxFor>): Promise<{ zone: string; label: string } | null> {
  const [{ model: policy }, orgs] = await Promise.all([activePolicy(ctx.db), listOrganizations({ ctx, input: { limit: 1 } })]);
  const org = orgs.items[0];
  const zone = org ? planZone(policy, org.planId) : null;
  if (!org || !zone) return null;
  const calendar = policy.calendars.get(policy.plans.get(org.planId)!.calendar);
  return { zone, label: calendar ? zoneText(calendar) : zone };
}

async function show(request: FastifyRequest, reply: FastifyReply, deps: WebDeps, error: AccordError | null = null, shown: Shown = {}) {
  const ctx = ctxFor(request, deps);
  const profile = await getProfile({ ctx });
  const twoStep = await twoStepOf(ctx.db, { kind: profile.kind, id: profile.id });
  const { done, created } = request.query as { done?: string; created?: string };
  const agent = profile.kind === 'agent';
  // The recovery codes, once, on the page the confirming form redirected to; on a reload, that they were shown.
  const codes = await takeCreated(ctx, request, created);
  // A contact who chose no zone reads times in their plan's, as their cases give them (portal-pages.ts).
  const zone = agent ? null : await contactZone(ctx);
  return sendPage(request, reply, agent ? 'agent/settings' : 'portal/settings', {
    title: 'My settings', profile, zones: zoneList(), planZone: zone, autoAssign: deps.autoAssign !== null, preferences: agent ? await getMailPreferences({ ctx }) : null,
    // Where the agent forwards a customer's mail to open a ticket for them (email/forward.ts).
    forwarding: agent ? await myForwardingAddress({ ctx, settings: deps.email.settings }) : null,
    twoStep, twoStepError: shown.twoStepError ?? null,
    // Password: changed with the current one; the other places signed in, ended at will.
    // Their name, as typed when refused.
    nameForm: { error: shown.nameError ?? null, typed: shown.nameTyped ?? null },
    // The scheduled-outage mail the policy sends every customer contact (OfficeSpace), theirs to stop or start again.
    outageMail: agent ? null : await outageMailOf(ctx),
    // A contact's address: a change waiting for the link mailed to the new one, and the form asking for one.
    address: agent ? null : {
      email: profile.email, pending: await pendingAddressChange(ctx.db, ctx.clock, profile.id), error: shown.addressError ?? null, typed: shown.addressTyped ?? '', hours: ADDRESS_CONFIRM_HOURS,
    },
    passwordError: shown.passwordError ?? null, otherSessions: await otherSessions(ctx.db, ctx.clock, { kind: profile.kind, id: profile.id, sessionId: request.webSession!.id }, SESSION_HOURS),
    // The desk requires it of them and it is off: every other page sends them here (auth/two-step-required.ts).
    twoStepRequired: !twoStep.enabled && twoStepRequiredOf(deps.twoStepRequired, ctx.actor as Parameters<typeof twoStepRequiredOf>[1]),
    // While being set up: the otpauth URI as a QR code for the phone's camera (an SVG image, as a data: URL the CSP allows).
    twoStepQr: twoStep.setup ? `data:image/svg+xml;base64,${Buffer.from(renderSVG(twoStep.setup.uri, { border: 2 })).toString('base64')}` : null, recoveryCodes: codes && 'secret' in codes ? codes.secret.split('\n') : null, recoveryGone: codes !== null && 'gone' in codes,
    twoStepAction: `${agent ? '/agent' : '/portal'}/settings/two-step`,
    flash: done ? { kind: 'ok', text: FLASH[done] ?? 'Saved.' } : null, error, f: formatters(ctx.clock.now(), zone?.zone ?? null),
  }, statusOf(error ?? shown.twoStepError ?? shown.passwordError ?? shown.addressError ?? shown.nameError ?? null));
}

/**
 * Whether the contact's scheduled-outage mail is stopped, what the page calls those notices, and the
 * policy's own words on that notice (status_page.maintenance.notice, quoted with its hedges: OfficeSpace
 * "customers are usually notified via email and/or at ..."); null where none is sent.
 */
async function outageMailOf(ctx: ReturnType<typeof ctxFor>): Promise<{ stopped: boolean; term: string; policyWords: string | null } | null> {
  const mine = await myCustomerNotices({ ctx });
  if (!mine) return null;
  const policy = (await activePolicy(ctx.db)).model;
  return {
    stopped: mine.stopped, term: statusPageOf(policy)?.maintenanceTerm ?? 'scheduled maintenance',
    policyWords: policy.file.status_page?.maintenance?.notice?.trim() ?? null,
  };
}

const statusOf = (error: AccordError | null) => (error === null ? 200 : error.code === 'conflict' ? 409 : error.code === 'limit_exceeded' ? 429 : 400);

export function registerSettingsPages(web: FastifyInstance, deps: WebDeps): void {
  for (const [base, audience] of [['/agent/settings', AGENTS], ['/portal/settings', ['contact']]] as const) {
    web.get(base, page(audience, doneQuery), (request, reply) => show(request, reply, deps));
    web.post(`${base}/time-zone`, page(audience), async (request, reply) => {
      try {
        await updateProfile({ ctx: ctxFor(request, deps), input: { timeZone: formOf(request).time_zone ?? null } });
      } catch (error) {
        if (!isAccordError(error) || error.code !== 'invalid_input') throw error;
        return show(request, reply, deps, error);
      }
      return reply.redirect(`${base}?done=saved`, 303);
    });
    web.post(`${base}/name`, page(audience), async (request, reply) => {
      const typed = formOf(request).name ?? '';
      try {
        await updateProfile({ ctx: ctxFor(request, deps), input: { name: typed } });
      } catch (error) {
        if (!isAccordError(error) || error.code !== 'invalid_input') throw error;
        return show(request, reply, deps, null, { nameError: error, nameTyped: typed });
      }
      return reply.redirect(`${base}?done=name`, 303);
    });
    // Two-step sign-in (web/auth/two-step.ts): set up (the secret shown until confirmed), confirmed
    // with a code (the recovery codes shown once, after a redirect), turned off with a code.
    const me = (request: FastifyRequest) => {
      const actor = ctxFor(request, deps).actor as { kind: 'agent' | 'contact'; id: string };
      return { kind: actor.kind, id: actor.id };
    };
    const twoStep = (run: (request: FastifyRequest) => Promise<Shown | void>) => async (request: FastifyRequest, reply: FastifyReply) => {
      try {
        const shown = await run(request);
        if (shown) return show(request, reply, deps, null, shown);
      } catch (error) {
        if (!isAccordError(error) || !['invalid_input', 'conflict'].includes(error.code)) throw error;
        return show(request, reply, deps, null, { twoStepError: error });
      }
      return reply.redirect(`${base}?done=saved`, 303);
    };
    web.post(`${base}/two-step/start`, page(audience), twoStep(async (request) => {
      await startTwoStep(deps.db, me(request));
    }));
    // The recovery codes are kept for one read by this session and shown on the page this redirects to
    // (shown-once.ts, as the admin secrets are): a reload neither posts the code again nor shows them again.
    web.post(`${base}/two-step/confirm`, page(audience), async (request, reply) => {
      const ctx = ctxFor(request, deps);
      try {
        const { redirect } = await createdOnce(ctx, request, base, async (tx) =>
          (await confirmTwoStep(tx, me(request), formOf(request).code ?? '')).recoveryCodes.join('\n'));
        return reply.redirect(redirect, 303);
      } catch (error) {
        if (!isAccordError(error) || !['invalid_input', 'conflict'].includes(error.code)) throw error;
        return show(request, reply, deps, null, { twoStepError: error });
      }
    });
    web.post(`${base}/two-step/off`, page(audience), twoStep(async (request) => {
      await disableTwoStep(deps, me(request), formOf(request).code ?? '');
    }));
    // A new password, the current one given (web/auth/password-change.ts); a refusal beside the form.
    web.post(`${base}/password`, page(audience), async (request, reply) => {
      const ctx = ctxFor(request, deps);
      const f = formOf(request);
      const signedIn: SignedIn = { actor: ctx.actor as SignedIn['actor'], sessionId: request.webSession!.id, address: request.ip };
      try {
        await changePassword({ db: ctx.db, clock: ctx.clock, baseUrl: deps.baseUrl }, signedIn, { current: f.current ?? '', password: f.password ?? '' });
      } catch (error) {
        if (!isAccordError(error) || !['invalid_input', 'limit_exceeded'].includes(error.code)) throw error;
        return show(request, reply, deps, null, { passwordError: error });
      }
      return reply.redirect(`${base}?done=password`, 303);
    });
    web.post(`${base}/sessions/end-others`, page(audience), async (request, reply) => {
      await endOtherSessions(deps.db, { ...me(request), sessionId: request.webSession!.id });
      return reply.redirect(`${base}?done=signed-out`, 303);
    });
  }
  // A contact's new address: the link mailed to it makes the change (auth-pages.ts /address/confirm).
  web.post('/portal/settings/address', page(['contact']), async (request, reply) => {
    const ctx = ctxFor(request, deps);
    const f = formOf(request);
    const signedIn: SignedIn = { actor: ctx.actor as SignedIn['actor'], sessionId: request.webSession!.id, address: request.ip };
    try {
      await requestAddressChange({ db: ctx.db, clock: ctx.clock, baseUrl: deps.baseUrl }, signedIn, { current: f.current ?? '', email: f.email ?? '' });
    } catch (error) {
      if (!isAccordError(error) || !['invalid_input', 'limit_exceeded', 'conflict'].includes(error.code)) throw error;
      return show(request, reply, deps, null, { addressError: error, addressTyped: f.email ?? '' });
    }
    return reply.redirect('/portal/settings?done=address', 303);
  });
  web.post('/portal/settings/address/cancel', page(['contact']), async (request, reply) => {
    const ctx = ctxFor(request, deps);
    await cancelAddressChange({ db: ctx.db, clock: ctx.clock }, { actor: ctx.actor as SignedIn['actor'], sessionId: request.webSession!.id, address: request.ip });
    return reply.redirect('/portal/settings?done=address-kept', 303);
  });
  // The scheduled-outage mail to the contact (status/customer-notice-links.ts): stop: "yes" stops it, anything else starts it again.
  web.post('/portal/settings/outage-mail', page(['contact']), async (request, reply) => {
    await setMyCustomerNotices({ ctx: ctxFor(request, deps), input: { stop: formOf(request).stop === 'yes' } });
    return reply.redirect('/portal/settings?done=saved', 303);
  });
  // Away (on leave, off shift): no new ticket in turn (tickets/auto-assign.ts).
  web.post('/agent/settings/away', page(AGENTS), async (request, reply) => {
    await updateProfile({ ctx: ctxFor(request, deps), input: { away: formOf(request).away === 'yes' } });
    return reply.redirect('/agent/settings?done=saved', 303);
  });
  // A contact's own copy of what the desk holds about them (privacy/export-contact-data.ts), as a download.
  web.get('/portal/settings/personal-data', page(['contact']), async (request, reply) => {
    const ctx = ctxFor(request, deps);
    const data = await exportContactData({ ctx, input: { contactId: (ctx.actor as { id: string }).id } });
    return reply.type('application/json; charset=utf-8').header('cache-control', 'no-store')
      .header('content-disposition', `attachment; filename="my-data-${data.exportedAt.toString().slice(0, 10)}.json"`).send(JSON.stringify(toWire(data), null, 2));
  });
  web.post('/agent/settings/signature', page(AGENTS), async (request, reply) => {
    try {
      await updateProfile({ ctx: ctxFor(request, deps), input: { signature: formOf(request).signature ?? null } });
    } catch (error) {
      if (!isAccordError(error) || error.code !== 'invalid_input') throw error;
      return show(request, reply, deps, error);
    }
    return reply.redirect('/agent/settings?done=saved', 303);
  });
  // A new forwarding address, when the old one reached someone it should not have.
  web.post('/agent/settings/forwarding/renew', page(AGENTS), async (request, reply) => {
    await renewMyForwardingAddress({ ctx: ctxFor(request, deps), settings: deps.email.settings });
    return reply.redirect('/agent/settings?done=renewed', 303);
  });
  // Checkboxes: a box left unticked is not sent, so each kind is read as on only when it is.
  web.post('/agent/settings', page(AGENTS), async (request, reply) => {
    const f = formOf(request);
    await setMailPreferences({
      ctx: ctxFor(request, deps),
      input: {
        assigned: f.assigned === 'on', customerReplied: f.customer_replied === 'on', designatedNewTicket: f.designated_new_ticket === 'on', noteNotify: f.note_notify === 'on', sideReply: f.side_reply === 'on', heldRequest: f.held_request === 'on', dailyDigest: f.daily_digest === 'on',
        // Managers and admins choose the hour (a whole hour, 00 to 23); others' forms send none. Text
        // that is no hour is refused naming the field, not read as midnight.
        ...(f.digest_hour !== undefined ? { digestHour: /^\d{1,2}$/.test(f.digest_hour) ? Number(f.digest_hour) : Number.NaN } : {}),
      },
    });
    return reply.redirect('/agent/settings?done=saved', 303);
  });
}

// Rows of the access matrix for the web pages (src/web): signing in, the public pages, the agent's
// desk and ticket pages, settings, the portal, chat and rating links. A signed-in page sends a
// visitor without a valid session to /login (303); the wrong audience is 403; another
// organization's case is 404. Errors are HTML pages (`html: true`). Sessions and CSRF tokens per
// actor: web-kit.ts. The admin pages, reports and the organization pages: web-admin-rows.ts.
import { randomUUID } from 'node:crypto';
import { createCannedResponse } from '../../../src/canned/index.ts';
import { createArticle, voteOnArticle } from '../../../src/kb/index.ts';
import { createTicket, requestEscalation, sendSideMessage, updateTicket } from '../../../src/tickets/index.ts';
import type { Expect, Row, RowsEnv } from './matrix-kit.ts';
import { admins, agents, contacts, managers, pageExpect, pageRequests, signedIn } from './web-kit.ts';

export function rows({ h, ticketA, unique }: RowsEnv): Row[] {
  const db = h.desk.t.db;
  const clock = h.desk.clock;
  const { fresh, get, post, ticket } = pageRequests({ h, ticketA, unique });
  const escalationsEntry = async () => {
    const id = randomUUID();
    await db.query('INSERT INTO ticket_time_entries (id, ticket_id, agent_id, minutes, logged_at) VALUES ($1, $2, $3, 5, $4)', [id, ticketA, h.escalation.id, clock.now()]);
    return id;
  };
  // A side conversation the manager began on a fresh ticket: its page form writes on it again.
  const sideConversation = async () => {
    const ticketId = await ticket();
    const sent = await sendSideMessage({ ctx: h.desk.ctx({ kind: 'agent', id: h.manager.id, role: 'manager' }), input: { ticketId, to: 'supplier@partner.example', body: 'Do you see this too?' } });
    return `/agent/tickets/${ticketId}/side-conversations/${String(sent.data.conversation_id)}`;
  };
  // A fresh ticket's receipt that the customer's server refused: its row's form sends it again.
  const refusedMail = async () => {
    const ticketId = await ticket();
    const { rows } = await db.query<{ id: string }>(
      "UPDATE outbox SET status = 'failed', last_error = '550 no such user' WHERE kind = 'ticket_received' AND payload->>'ticket_id' = $1 RETURNING id", [ticketId],
    );
    return `/agent/tickets/${ticketId}/mail/${rows[0].id}/resend`;
  };
  const emailOfA = async () => (await db.query<{ email: string }>('SELECT email FROM contacts WHERE id = $1', [h.contactA.id])).rows[0].email;
  let article: Promise<string> | null = null;
  const publicArticle = () =>
    (article ??= createArticle({ ctx: h.desk.system, input: { slug: unique('page-check'), title: 'Page check', bodyMarkdown: 'Checking pages.', visibility: 'public' } }).then((a) => a.slug));
  // A visitor's fresh "No" with a comment on the public article: the address of its Remove button.
  const feedbackCommentUrl = async () => {
    const slug = await publicArticle();
    const { rows: [a] } = await db.query<{ id: string }>('SELECT id FROM kb_articles WHERE slug = $1', [slug]);
    const text = unique('Not what I needed');
    const visitor = { browserToken: randomUUID().replaceAll('-', '').padEnd(43, 'x') };
    await voteOnArticle({ ctx: { db, clock, logger: h.desk.system.logger, actor: { kind: 'anonymous' } }, input: { articleId: a.id, helpful: false, comment: text }, visitor });
    const { rows: [f] } = await db.query<{ id: string }>('SELECT id FROM kb_article_feedback WHERE comment = $1', [text]);
    return `/help/articles/${slug}/feedback/${f.id}/remove`;
  };
  let chat: Promise<string> | null = null;
  const chatA = () => (chat ??= createTicket({ ctx: h.desk.ctx({ kind: 'contact', id: h.contactA.id, organizationId: h.contactA.organizationId! }), input: { subject: 'Chat', description: 'Hello?', channel: 'chat' } }).then((t) => t.id));
  const cannedId = async () => (await createCannedResponse({ ctx: h.desk.ctx({ kind: 'system' }), input: { title: unique('Page canned check'), body: 'Hi {{requester.name}}' } })).id;
  const cannedUrl = (suffix: string) => async () => `/agent/canned-responses/${await cannedId()}${suffix}`;
  const loginPage: Expect = { ...pageExpect({ public: true, ok: 200 }), contactA: 303, contactB: 303, front_line: 303, escalation: 303, manager: 303, admin: 303 };

  // The good link of the resolution mail of a fresh case of contact A's, solved (the outbox holds it).
  const ratingLinkPath = async () => {
    const t = await createTicket({ ctx: h.desk.ctx({ kind: 'contact', id: h.contactA.id, organizationId: h.contactA.organizationId! }), input: { subject: 'Rate by mail', description: 'x', severity: 3 } });
    await updateTicket({ ctx: h.desk.system, input: { ticketId: t.id, status: 'solved' } });
    const { rows } = await h.desk.t.db.query<{ payload: { links: Array<{ path: string }> } }>("SELECT payload FROM outbox WHERE kind = 'ticket_resolved' AND payload->>'ticket_id' = $1", [t.id]);
    return rows[0].payload.links[0].path;
  };
  const list: Array<Omit<Row, 'html'>> = [
    { method: 'GET', url: '/', request: get(() => '/'), expect: pageExpect({ public: true, ok: 303 }) },
    { method: 'GET', url: '/login', request: get(() => '/login'), expect: loginPage },
    { method: 'POST', url: '/login', request: post(() => '/login', () => ({ email: `${unique('nobody')}@nowhere.example`, password: 'not the password' })), expect: pageExpect({ public: true, ok: 401 }) },
    // A session of its own, so signing out does not end the one the other rows use.
    // A code for a challenge nobody opened: sign in again (401), whoever asks.
    { method: 'POST', url: '/login/code', request: post(() => '/login/code', () => ({ challenge: 'none', code: '123456' })), expect: pageExpect({ public: true, ok: 401 }) },
    { method: 'POST', url: '/logout', request: post(() => '/logout', () => ({}), fresh), expect: pageExpect({ public: true, ok: 303 }) },
    { method: 'GET', url: '/forgot', request: get(() => '/forgot'), expect: pageExpect({ public: true, ok: 200 }) },
    { method: 'POST', url: '/forgot', request: post(() => '/forgot', () => ({ email: `${unique('nobody')}@nowhere.example` })), expect: pageExpect({ public: true, ok: 200 }) },
    { method: 'GET', url: '/reset', request: get(() => '/reset?token=abc'), expect: pageExpect({ public: true, ok: 200 }) },
    // The link mailed to a contact's new address: the token is the credential, so the page is public.
    { method: 'GET', url: '/address/confirm', request: get(() => '/address/confirm?token=abc'), expect: pageExpect({ public: true, ok: 404 }) },
    { method: 'POST', url: '/address/confirm', request: post(() => '/address/confirm', () => ({ token: 'not-a-token' })), expect: pageExpect({ public: true, ok: 400 }) },
    { method: 'POST', url: '/reset', request: post(() => '/reset', () => ({ token: 'not-a-token', password: 'long enough password' })), expect: pageExpect({ public: true, ok: 400 }) },
    { method: 'GET', url: '/assets/:file', request: get(() => '/assets/app.css'), expect: pageExpect({ public: true, ok: 200 }) },
    { method: 'GET', url: '/policy', request: get(() => '/policy'), expect: pageExpect({ public: true, ok: 200 }) },
    { method: 'GET', url: '/help', request: get(() => '/help?q=check'), expect: pageExpect({ public: true, ok: 200 }) },
    { method: 'GET', url: '/help/articles/:slug', request: get(async () => `/help/articles/${await publicArticle()}`), expect: pageExpect({ public: true, ok: 200 }) },
    // Anyone who reads a public article says whether it helped, signed in or not.
    {
      method: 'POST', url: '/help/articles/:slug/feedback',
      request: post(async () => `/help/articles/${await publicArticle()}/feedback`, () => ({ helpful: 'yes' })), expect: pageExpect({ public: true, ok: 200 }),
    },
    // Managers and admins remove a reader's comment.
    { method: 'POST', url: '/help/articles/:slug/feedback/:id/remove', request: post(feedbackCommentUrl, () => ({})), expect: managers(303) },
    { method: 'GET', url: '/help/faq', request: get(() => '/help/faq'), expect: pageExpect({ public: true, ok: 200 }) },
    { method: 'GET', url: '/help/releases', request: get(() => '/help/releases'), expect: pageExpect({ public: true, ok: 200 }) },

    { method: 'GET', url: '/agent', request: get(() => '/agent?view=breaching'), expect: agents(200) },
    { method: 'GET', url: '/agent/kb', request: get(() => '/agent/kb'), expect: agents(200) },
    // The status page console: OpenBack publishes no status page, so agents get the page saying
    // so and "not found" from every form (test/web/status-console.test.ts posts on OpenMethods).
    { method: 'GET', url: '/agent/status', request: get(() => '/agent/status'), expect: agents(200) },
    { method: 'POST', url: '/agent/status/incidents', request: post(() => '/agent/status/incidents', () => ({ name: unique('Outage'), body: 'Looking.', notify: 'on' })), expect: agents(404) },
    {
      method: 'POST', url: '/agent/status/incidents/:id/updates',
      request: post(() => '/agent/status/incidents/00000000-0000-4000-8000-000000000001/updates', () => ({ status: 'identified', body: 'Found.' })), expect: agents(404),
    },
    {
      method: 'POST', url: '/agent/status/incidents/:id/postmortem',
      request: post(() => '/agent/status/incidents/00000000-0000-4000-8000-000000000001/postmortem', () => ({ body: 'What happened.' })), expect: agents(404),
    },
    {
      method: 'POST', url: '/agent/status/maintenances',
      request: post(() => '/agent/status/maintenances', () => ({ name: unique('Window'), body: 'Planned.', scheduled_for: '2027-01-09T02:00', scheduled_until: '2027-01-09T03:00' })),
      expect: agents(404),
    },
    { method: 'POST', url: '/agent/status/components/:id', request: post(() => '/agent/status/components/media-bar', () => ({ status: 'major_outage' })), expect: agents(404) },
    {
      method: 'POST', url: '/agent/status/hotfixes',
      request: post(() => '/agent/status/hotfixes', () => ({ name: unique('Hotfix'), body: 'Applied without downtime.', postmortem: 'A typo.', notify: 'on' })), expect: agents(404),
    },
    // The desk pages: finding tickets, opening one for a customer, the held requests (test/web/desk-pages.test.ts).
    { method: 'POST', url: '/agent/bulk', request: post(() => '/agent/bulk', async () => ({ ticket: await ticket(), status: 'pending_customer', back: '/agent?view=all' })), expect: agents(303) },
    { method: 'GET', url: '/agent/search', request: get(() => '/agent/search?q=check'), expect: agents(200) },
    { method: 'GET', url: '/agent/search.csv', request: get(() => '/agent/search.csv?q=check'), expect: agents(200) },
    { method: 'GET', url: '/agent/queue.csv', request: get(() => '/agent/queue.csv?sort=due'), expect: agents(200) },
    { method: 'GET', url: '/agent/tickets/new', request: get(() => '/agent/tickets/new'), expect: agents(200) },
    { method: 'GET', url: '/agent/contacts/suggest', request: get(() => '/agent/contacts/suggest?q=contact'), expect: agents(200) },
    { method: 'GET', url: '/agent/organizations/suggest', request: get(() => '/agent/organizations/suggest?q=a'), expect: agents(200) },
    {
      method: 'POST', url: '/agent/tickets/new',
      request: post(() => '/agent/tickets/new', async () => ({ requester: await emailOfA(), channel: 'email', subject: unique('Logged call'), description: 'Checking access.' })),
      expect: agents(303),
    },
    { method: 'GET', url: '/agent/held', request: get(() => '/agent/held?status=held'), expect: agents(200) },
    // Who is on call now and next (agent-oncall-page.ts): every agent reads it; changing it is /admin/oncall.
    { method: 'GET', url: '/agent/oncall', request: get(() => '/agent/oncall'), expect: agents(200) },
    // Canned responses: every agent reads them and fills one for a ticket; managers and admins write them.
    { method: 'GET', url: '/agent/settings', request: get(() => '/agent/settings'), expect: agents(200) },
    // Two-step sign-in: started (a pending key), confirmed with a wrong code (400), turned off while off (nothing to do).
    ...(['agent', 'portal'] as const).flatMap((side) => [
      { method: 'POST', url: `/${side}/settings/two-step/start`, request: post(() => `/${side}/settings/two-step/start`), expect: side === 'agent' ? agents(303) : contacts(303) },
      { method: 'POST', url: `/${side}/settings/two-step/confirm`, request: post(() => `/${side}/settings/two-step/confirm`, () => ({ code: 'not-a-code' })), expect: side === 'agent' ? agents(400) : contacts(400) },
      { method: 'POST', url: `/${side}/settings/two-step/off`, request: post(() => `/${side}/settings/two-step/off`, () => ({ code: '' })), expect: side === 'agent' ? agents(303) : contacts(303) },
      // A wrong current password: refused beside the form (nothing changes), for those the page is for.
      { method: 'POST', url: `/${side}/settings/password`, request: post(() => `/${side}/settings/password`, () => ({ current: 'not the password', password: 'a new password here' })), expect: side === 'agent' ? agents(400) : contacts(400) },
      { method: 'POST', url: `/${side}/settings/name`, request: post(() => `/${side}/settings/name`, () => ({ name: '   ' })), expect: side === 'agent' ? agents(400) : contacts(400) },
      { method: 'POST', url: `/${side}/settings/sessions/end-others`, request: post(() => `/${side}/settings/sessions/end-others`), expect: side === 'agent' ? agents(303) : contacts(303) },
    ]),
    { method: 'POST', url: '/admin/agents/:id/two-step/off', request: post(() => `/admin/agents/${h.agent.id}/two-step/off`), expect: admins(303) },
    { method: 'POST', url: '/admin/contacts/:id/two-step/off', request: post(() => `/admin/contacts/${h.contactB.id}/two-step/off`), expect: admins(303) },
    { method: 'POST', url: '/agent/settings/signature', request: post(() => '/agent/settings/signature', () => ({ signature: '' })), expect: agents(303) },
    { method: 'POST', url: '/agent/settings/away', request: post(() => '/agent/settings/away', () => ({ away: 'no' })), expect: agents(303) },
    { method: 'POST', url: '/agent/settings/forwarding/renew', request: post(() => '/agent/settings/forwarding/renew', () => ({})), expect: agents(303) },
    { method: 'POST', url: '/agent/settings/time-zone', request: post(() => '/agent/settings/time-zone', () => ({ time_zone: '' })), expect: agents(303) },
    { method: 'GET', url: '/portal/settings', request: get(() => '/portal/settings'), expect: contacts(200) },
    { method: 'POST', url: '/portal/settings/time-zone', request: post(() => '/portal/settings/time-zone', () => ({ time_zone: '' })), expect: contacts(303) },
    // A wrong password: refused beside the form, nothing mailed.
    { method: 'POST', url: '/portal/settings/address', request: post(() => '/portal/settings/address', () => ({ email: 'new@somewhere.example', current: 'not the password' })), expect: contacts(400) },
    { method: 'POST', url: '/portal/settings/address/cancel', request: post(() => '/portal/settings/address/cancel'), expect: contacts(303) },
    // The matrix's OpenBack mails its customers no scheduled maintenance: nothing to stop (OfficeSpace: test/web/portal-outage-mail.test.ts).
    { method: 'POST', url: '/portal/settings/outage-mail', request: post(() => '/portal/settings/outage-mail', () => ({ stop: 'yes' })), expect: contacts(404) },
    { method: 'GET', url: '/portal/settings/personal-data', request: get(() => '/portal/settings/personal-data'), expect: contacts(200) },
    // Every box ticked: each agent's mail stays on for the rest of the suite.
    { method: 'POST', url: '/agent/settings', request: post(() => '/agent/settings', () => ({ assigned: 'on', customer_replied: 'on', designated_new_ticket: 'on' })), expect: agents(303) },
    { method: 'GET', url: '/agent/canned-responses', request: get(() => '/agent/canned-responses?q=check'), expect: agents(200) },
    { method: 'POST', url: '/agent/canned-responses', request: post(() => '/agent/canned-responses', () => ({ title: unique('Page canned'), body: 'Hello {{requester.name}}' })), expect: managers(303) },
    { method: 'POST', url: '/agent/canned-responses/:id', request: post(cannedUrl(''), () => ({ title: unique('Page canned edit'), body: 'Changed' })), expect: managers(303) },
    { method: 'POST', url: '/agent/canned-responses/:id/delete', request: post(cannedUrl('/delete'), () => ({ confirm: 'on' })), expect: managers(303) },
    { method: 'GET', url: '/agent/tickets/:id/canned/:cid', request: get(async () => `/agent/tickets/${ticketA}/canned/${await cannedId()}`), expect: agents(200) },
    // No such held request: agents get the verb's "not found" on the page.
    { method: 'GET', url: '/agent/held/:id', request: get(() => '/agent/held/00000000-0000-4000-8000-000000000001'), expect: agents(404) },
    { method: 'POST', url: '/agent/held/:id/accept', request: post(() => '/agent/held/00000000-0000-4000-8000-000000000001/accept', () => ({ channel: 'email' })), expect: agents(404) },
    { method: 'GET', url: '/agent/held/:id/files/:fileId', request: get(() => '/agent/held/00000000-0000-4000-8000-000000000001/files/00000000-0000-4000-8000-000000000002'), expect: agents(404) },
    { method: 'POST', url: '/agent/held/:id/dismiss', request: post(() => '/agent/held/00000000-0000-4000-8000-000000000001/dismiss', () => ({ note: 'Checking' })), expect: agents(404) },
    { method: 'GET', url: '/agent/tickets/:id', request: get(() => `/agent/tickets/${ticketA}`), expect: agents(200) },
    { method: 'POST', url: '/agent/tickets/:id/reply', request: post(async () => `/agent/tickets/${await ticket()}/reply`, () => ({ body: 'We are on it.' })), expect: agents(303) },
    { method: 'POST', url: '/agent/tickets/:id/note', request: post(async () => `/agent/tickets/${await ticket()}/note`, () => ({ body: 'Internal.' })), expect: agents(303) },
    { method: 'POST', url: '/agent/tickets/:id/status', request: post(async () => `/agent/tickets/${await ticket()}/status`, () => ({ status: 'pending_customer' })), expect: agents(303) },
    { method: 'POST', url: '/agent/tickets/:id/assign', request: post(async () => `/agent/tickets/${await ticket()}/assign`, () => ({ assignee: h.agent.id })), expect: agents(303) },
    { method: 'POST', url: '/agent/tickets/:id/regrade', request: post(async () => `/agent/tickets/${await ticket()}/regrade`, () => ({ severity: '2', reason: 'More users affected' })), expect: agents(303) },
    // OpenBack publishes no escalation ladder: the verb's conflict is shown on the page.
    { method: 'POST', url: '/agent/tickets/:id/escalate', request: post(async () => `/agent/tickets/${await ticket()}/escalate`, () => ({ reason: 'Needs engineering' })), expect: agents(409) },
    // An escalation contact A asked for on a fresh ticket of theirs, marked unwarranted (each call its own).
    {
      method: 'POST', url: '/agent/tickets/:id/unwarranted-escalation',
      request: post(async () => {
        const id = await ticket();
        await requestEscalation({ ctx: h.desk.ctx({ kind: 'contact', id: h.contactA.id, organizationId: h.contactA.organizationId }), input: { ticketId: id, reason: 'Urgent for us' } });
        return `/agent/tickets/${id}/unwarranted-escalation`;
      }, () => ({ reason: 'No underlying issue' })),
      expect: agents(303),
    },
    // One the customer asked for by phone, recorded for them (the requester, by default): every agent may.
    { method: 'POST', url: '/agent/tickets/:id/escalation-request', request: post(async () => `/agent/tickets/${await ticket()}/escalation-request`, () => ({ reason: 'They called: urgent for them' })), expect: agents(303) },
    // Merging closes the ticket: a fresh one each call, into another fresh one (the agent lands on that one).
    {
      method: 'POST', url: '/agent/tickets/:id/merge',
      request: post(async () => `/agent/tickets/${await ticket()}/merge`, async () => ({ into: `#${(await db.query<{ number: string }>('SELECT number FROM tickets WHERE id = $1', [await ticket()])).rows[0].number}`, confirm: 'on' })),
      expect: agents(303),
    },
    // The requester typed is the one it has: nothing moves.
    { method: 'POST', url: '/agent/tickets/:id/requester', request: post(async () => `/agent/tickets/${await ticket()}/requester`, async () => ({ email: (await h.desk.t.db.query<{ email: string }>('SELECT email FROM contacts WHERE id = $1', [h.contactA.id])).rows[0].email })), expect: agents(303) },
    { method: 'POST', url: '/agent/tickets/:id/tags', request: post(async () => `/agent/tickets/${await ticket()}/tags`, () => ({ tags: 'checked' })), expect: agents(303) },
    { method: 'POST', url: '/agent/tickets/:id/side-conversations', request: post(async () => `/agent/tickets/${await ticket()}/side-conversations`, () => ({ to: 'supplier@partner.example', subject: 'A question', body: 'Do you see this too?' })), expect: agents(303) },
    { method: 'POST', url: '/agent/tickets/:id/side-conversations/:conversation_id', request: post(sideConversation, () => ({ body: 'And now?' })), expect: agents(303) },
    { method: 'POST', url: '/agent/tickets/:id/side-conversations/:conversation_id/people', request: post(async () => `${await sideConversation()}/people`, () => ({ remove: 'boss@partner.example' })), expect: agents(303) },
    { method: 'POST', url: '/agent/tickets/:id/mail/:mail_id/resend', request: post(refusedMail), expect: agents(303) },
    { method: 'POST', url: '/agent/tickets/:id/time', request: post(async () => `/agent/tickets/${await ticket()}/time`, () => ({ minutes: '5' })), expect: agents(303) },
    // A fresh entry the escalation agent logged: theirs to change, a manager's or an admin's; a front-line colleague's 403.
    ...(['', '/remove'] as const).map((suffix) => ({
      method: 'POST', url: `/agent/tickets/:id/time-entries/:entry_id${suffix}`,
      request: post(async () => `/agent/tickets/${ticketA}/time-entries/${await escalationsEntry()}${suffix}`, () => ({ minutes: '6', confirm: 'on' })),
      expect: pageExpect({ contact: false, roles: ['escalation', 'manager', 'admin'], ok: 303 }),
    })),
    { method: 'POST', url: '/agent/tickets/:id/following', request: post(async () => `/agent/tickets/${await ticket()}/following`, () => ({ following: 'yes' })), expect: agents(303) },
    { method: 'POST', url: '/agent/tickets/:id/presence', request: post(async () => `/agent/tickets/${await ticket()}/presence`, () => ({ replying: 'no' })), expect: agents(303) },
    { method: 'POST', url: '/agent/tickets/:id/reminder', request: post(async () => `/agent/tickets/${await ticket()}/reminder`, () => ({ at: '2030-01-01T09:00', at_zone: 'UTC' })), expect: agents(303) },
    { method: 'POST', url: '/agent/tickets/:id/ccs', request: post(async () => `/agent/tickets/${await ticket()}/ccs`, () => ({ emails: '' })), expect: agents(303) },
    { method: 'POST', url: '/agent/tickets/:id/link', request: post(async () => `/agent/tickets/${await ticket()}/link`, () => ({ url: 'https://bugs.example.com/1', title: 'Bug 1' })), expect: agents(303) },
    // OpenBack has no ladder with QA; the verbs still record what they are told (OPS-COM's rungs).
    { method: 'POST', url: '/agent/tickets/:id/qa-verified', request: post(async () => `/agent/tickets/${await ticket()}/qa-verified`, () => ({ note: 'Verified on staging' })), expect: agents(303) },
    {
      method: 'POST', url: '/agent/tickets/:id/fix-released',
      request: post(async () => `/agent/tickets/${await ticket()}/fix-released`, () => ({ release: '4.2', notify: 'on', body: 'Fixed in 4.2.' })), expect: agents(303),
    },
    { method: 'GET', url: '/live', request: get(() => '/live?after=0&once=1'), expect: signedIn(200) },

    { method: 'GET', url: '/portal', request: get(() => '/portal'), expect: contacts(200) },
    { method: 'GET', url: '/portal/cases/new', request: get(() => '/portal/cases/new'), expect: contacts(200) },
    { method: 'POST', url: '/portal/cases', request: post(() => '/portal/cases', () => ({ subject: unique('Portal case'), description: 'It broke.', severity: '3' })), expect: contacts(303) },
    { method: 'GET', url: '/portal/cases/:id', request: get(() => `/portal/cases/${ticketA}`), expect: contacts(200, 'own') },
    { method: 'POST', url: '/portal/cases/:id/reply', request: post(() => `/portal/cases/${ticketA}/reply`, () => ({ body: 'Any news?' })), expect: contacts(303, 'own') },
    // OpenBack refers no case to the knowledge base with guidance on request: a contact's own case is
    // refused as a conflict, shown on its page (409); another organization's is not found; agents may not.
    { method: 'POST', url: '/portal/cases/:id/guidance', request: post(() => `/portal/cases/${ticketA}/guidance`, () => ({ body: 'Not in the articles' })), expect: contacts(409, 'own') },
    {
      method: 'POST', url: '/portal/cases/:id/solve',
      request: post(async () => {
        const t = await createTicket({ ctx: h.desk.ctx({ kind: 'contact', id: h.contactA.id, organizationId: h.contactA.organizationId! }), input: { subject: 'Solve me', description: 'x', severity: 3 } });
        return `/portal/cases/${t.id}/solve`;
      }),
      expect: contacts(303, 'own'),
    },
    // OpenBack's abuse rule makes the request meaningful: contact A asks on their own case; another organization's is not found; agents may not.
    { method: 'POST', url: '/portal/cases/:id/escalation-request', request: post(() => `/portal/cases/${ticketA}/escalation-request`, () => ({ reason: 'Urgent for us' })), expect: contacts(303, 'own') },
    { method: 'POST', url: '/portal/cases/:id/ccs', request: post(() => `/portal/cases/${ticketA}/ccs`, () => ({ emails: '' })), expect: contacts(303, 'own') },
    // Live chat (OpenBack offers it on weekdays; the desk's clock is in its hours): a chat of contact A's.
    { method: 'GET', url: '/portal/chat', request: get(() => '/portal/chat'), expect: contacts(200) },
    { method: 'POST', url: '/portal/chat', request: post(() => '/portal/chat', () => ({ message: unique('Chat check') })), expect: contacts(303) },
    { method: 'GET', url: '/portal/chat/:id', request: get(async () => `/portal/chat/${await chatA()}`), expect: contacts(200, 'own') },
    { method: 'POST', url: '/portal/chat/:id', request: post(async () => `/portal/chat/${await chatA()}`, () => ({ body: 'Still there?' })), expect: contacts(303, 'own') },
    { method: 'POST', url: '/portal/chat/:id/presence', request: post(async () => `/portal/chat/${await chatA()}/presence`, () => ({})), expect: contacts(204, 'own') },
    // A rating needs a solved case: each call solves a fresh one of contact A's.
    {
      method: 'POST', url: '/portal/cases/:id/rating',
      request: post(async () => {
        const t = await createTicket({ ctx: h.desk.ctx({ kind: 'contact', id: h.contactA.id, organizationId: h.contactA.organizationId! }), input: { subject: 'Rate me', description: 'x', severity: 3 } });
        await updateTicket({ ctx: h.desk.system, input: { ticketId: t.id, status: 'solved' } });
        return `/portal/cases/${t.id}/rating`;
      }, () => ({ rating: 'good' })),
      expect: contacts(303, 'own'),
    },

    // The links of a resolution mail: open to anyone holding one, signed in or not (a fresh solved case each).
    { method: 'GET', url: '/rate/:token', request: get(async () => `${await ratingLinkPath()}`), expect: pageExpect({ public: true, ok: 200 }) },
    { method: 'POST', url: '/rate/:token', request: post(async () => (await ratingLinkPath()).replace(/\?.*$/, ''), () => ({ rating: 'good' })), expect: pageExpect({ public: true, ok: 200 }) },

  ];
  return list.map((r) => ({ ...r, html: true }));
}
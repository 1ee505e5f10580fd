// The notices of one incident or maintenance are one conversation in the subscriber's mail client:
// each answers the same root (In-Reply-To, References), as a case's mail answers the case's. A notice
// of another incident is another thread; a component's status set on its own, about no incident,
// answers nothing. (QA, a status page subscriber's week on OpenMethods: "Investigating", "Identified"
// and "Resolved" of one incident came as three unrelated messages.)
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createIncident, fanOutPending, postUpdate, setComponentStatus } from '../../src/status/index.ts';
import { deliverDueMail, emailSettingsFor, type ComposedMail, type MailSender } from '../../src/email/index.ts';
import { openDesk, type Desk } from '../support/desk.ts';
import { LINKS, subscribeConfirmed } from './helpers.ts';

describe("a status page's notices thread by incident (OpenMethods)", () => {
  let d: Desk;
  let londoner: string;
  const settings = emailSettingsFor('support@desk.example', 'OpenMethods');
  const sent: ComposedMail[] = [];
  const sender: MailSender = { kind: 'capture', send: async (composed) => (sent.push(composed), { sent: true }), close: () => {} };

  before(async () => {
    d = await openDesk('openmethods', '2026-12-02T15:00:00Z');
    await subscribeConfirmed(d, 'watcher@subscriber.example');
    // A customer contact who chose a zone of their own: their notices are rendered apart (fan-out.ts).
    const org = await d.addOrganization('premium');
    await d.t.db.query("UPDATE contacts SET time_zone = 'Europe/London' WHERE id = $1", [org.contactId]);
    londoner = (await d.t.db.query<{ email: string }>('SELECT email FROM contacts WHERE id = $1', [org.contactId])).rows[0].email;
    await subscribeConfirmed(d, londoner);
  });
  after(() => d.close());

  it("answers the incident's root in every notice of it, each subscriber's, and nothing for a component on its own", async () => {
    const chats = await createIncident({ ctx: d.ctx(d.agent), input: { name: 'Chat routing delayed', body: 'Investigating.', impact: 'minor', notify: true } });
    d.clock.advance({ minutes: 15 });
    await postUpdate({ ctx: d.ctx(d.agent), input: { incidentId: chats.id, status: 'identified', body: 'A queue backlog.', notify: true } });
    const mails = await createIncident({ ctx: d.ctx(d.agent), input: { name: 'Email routing slow', body: 'Looking.', impact: 'minor', notify: true } });
    d.clock.advance({ minutes: 15 });
    await postUpdate({ ctx: d.ctx(d.agent), input: { incidentId: chats.id, status: 'resolved', body: 'Chats route again.', notify: true } });
    await setComponentStatus({ ctx: d.ctx(d.agent), input: { componentId: 'media-bar', status: 'degraded_performance' } });
    await fanOutPending(d.system, LINKS);
    await deliverDueMail({ ctx: d.system, settings: { email: settings, sender, random: () => 0 } });

    const root = (id: string) => `<status.${id}@desk.example>`;
    for (const to of ['watcher@subscriber.example', londoner]) {
      const mine = sent.filter((s) => s.to === to);
      // By subject: the notices are queued at one time and sent a few at once, in no set order.
      const threads = (name: string) => mine.filter((s) => s.subject.endsWith(`: ${name}`)).map((s) => [s.subject, s.headers['In-Reply-To'], s.headers.References]).sort();
      assert.deepEqual(threads('Chat routing delayed'), [
        ['[OpenMethods Status Page] Identified: Chat routing delayed', root(chats.id), root(chats.id)],
        ['[OpenMethods Status Page] Investigating: Chat routing delayed', root(chats.id), root(chats.id)],
        ['[OpenMethods Status Page] Resolved: Chat routing delayed', root(chats.id), root(chats.id)],
      ], to);
      assert.deepEqual(threads('Email routing slow'), [['[OpenMethods Status Page] Investigating: Email routing slow', root(mails.id), root(mails.id)]], to);
      const component = mine.find((s) => s.subject === '[OpenMethods Status Page] Media bar: Degraded performance');
      assert.ok(component, `${to} is told the media bar's status`);
      assert.equal(component.headers['In-Reply-To'], undefined);
      assert.equal(component.headers.References, undefined);
      // Still a notice they can leave in one click.
      assert.match(component.headers['List-Unsubscribe'], /^<https:\/\/desk\.example\/status\/unsubscribe\//);
    }
  });
});

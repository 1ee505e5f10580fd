// Finding tickets (listTickets' q and requesterId): by number, by requester email or its
// beginning, by words beginning words of the subject or description, or of a reply or an internal
// note or a side conversation (agents only), or of the organization's name (agents only); a contact finds only its organization's.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { listContacts } from '../../src/customers/index.ts';
import { addNote, addReply, createTicket, listTickets, receiveSideReply, sendSideMessage } from '../../src/tickets/index.ts';
import { MESSAGES, MESSAGE_WORDS, searchOf, TICKET_WORDS, wordsMatch } from '../../src/tickets/list-tickets.ts';
import { openDesk, type Desk } from '../support/desk.ts';

describe('what a search text asks for', () => {
  it('reads numbers, emails and words, and keeps query syntax out', () => {
    assert.deepEqual(searchOf('1042'), { kind: 'number', value: 1042 });
    assert.deepEqual(searchOf('#1042'), { kind: 'number', value: 1042 });
    assert.deepEqual(searchOf('Ann@Example.'), { kind: 'email', value: 'ann@example.%' });
    assert.deepEqual(searchOf('a_b%@x'), { kind: 'email', value: 'a\\_b\\%@x%' });
    assert.deepEqual(searchOf('VPN time-out'), { kind: 'words', value: 'vpn:* & time:* & out:*' });
    assert.deepEqual(searchOf("can't & !log | (in)"), { kind: 'words', value: "can:* & t:* & log:* & in:*" });
    assert.deepEqual(searchOf('1042 crash'), { kind: 'words', value: '(1042:* | -1042:*) & crash:*' });
    assert.deepEqual(searchOf('!!! ***'), { kind: 'nothing' });
  });
});

describe('finding tickets', () => {
  let desk: Desk;
  let a: Awaited<ReturnType<Desk['addOrganization']>>;
  let b: Awaited<ReturnType<Desk['addOrganization']>>;
  const ids: Record<string, string> = {};
  before(async () => {
    desk = await openDesk('openback');
    a = await desk.addOrganization('enterprise');
    b = await desk.addOrganization('enterprise');
    const open = async (who: typeof a, subject: string, description = 'Searching.') => (await createTicket({ ctx: desk.ctx(who.contact), input: { subject, description, severity: 3 } })).id;
    ids.vpn = await open(a, 'VPN timeout after upgrade', 'Since 4.2 the tunnel logs ERR_TLS_HANDSHAKE every minute.');
    ids.sdk = await open(a, 'SDK crash on start-up');
    ids.other = await open(b, 'VPN drops every hour');
    ids.accent = await open(b, 'Échec de connexion');
  });
  after(() => desk.close());

  const found = async (input: Parameters<typeof listTickets>[0]['input'], actor = desk.agent) =>
    (await listTickets({ ctx: desk.ctx(actor), input })).items.map((t) => t.id).sort();
  const sorted = (...names: string[]) => names.map((n) => ids[n]).sort();

  it('by words: each word begins a word of the subject or the description', async () => {
    assert.deepEqual(await found({ q: 'vpn' }), sorted('vpn', 'other'));
    assert.deepEqual(await found({ q: 'VPN TIME' }), sorted('vpn'));
    assert.deepEqual(await found({ q: 'start' }), sorted('sdk'));
    assert.deepEqual(await found({ q: 'upgrades' }), [], 'a word longer than any in the subject');
    assert.deepEqual(await found({ q: 'connexion' }), sorted('accent'));
    // From the description, alone or with a word of the subject.
    assert.deepEqual(await found({ q: 'err_tls_handshake' }), sorted('vpn'));
    assert.deepEqual(await found({ q: 'vpn tunnel' }), sorted('vpn'));
    assert.deepEqual(await found({ q: 'searching' }), sorted('sdk', 'other', 'accent'));
  });

  it('by words of a reply (either side) or of an internal note, which only agents search', async () => {
    await addReply({ ctx: desk.ctx(desk.agent), input: { ticketId: ids.sdk, body: 'Please send the output of adb logcat from the crash.' } });
    await addReply({ ctx: desk.ctx(a.contact), input: { ticketId: ids.sdk, body: 'Attached: FATAL EXCEPTION in PushReceiver.' } });
    await addNote({ ctx: desk.ctx(desk.agent), input: { ticketId: ids.sdk, body: 'Looks like the Kotlin coroutine bug, see JIRA-4411.' } });
    assert.deepEqual(await found({ q: 'logcat' }), sorted('sdk'));
    assert.deepEqual(await found({ q: 'pushreceiver fatal' }), sorted('sdk'));
    assert.deepEqual(await found({ q: 'jira 4411' }), sorted('sdk'));
    // All the words in one place: the subject and description together, or one message.
    assert.deepEqual(await found({ q: 'logcat pushreceiver' }), []);
    assert.deepEqual(await found({ q: 'crash logcat' }), sorted('sdk'), "both in the agent's reply");
    // The customer finds it by the replies, never by the note.
    assert.deepEqual(await found({ q: 'logcat' }, a.contact), sorted('sdk'));
    assert.deepEqual(await found({ q: 'coroutine' }, a.contact), []);
    assert.deepEqual(await found({ q: 'coroutine' }), sorted('sdk'));
  });

  it("by words of a side conversation, ours or their answer: agents only", async () => {
    await sendSideMessage({ ctx: desk.ctx(desk.agent), input: { ticketId: ids.vpn, to: 'noc@carrier.example', body: 'Did your MPLS maintenance window overlap 02:00 UTC?' } });
    // Their answer, as the email channel records it (email/side-mail.ts), with words of its own.
    const { rows } = await desk.t.db.query<{ id: string }>('SELECT id FROM side_conversations WHERE ticket_id = $1', [ids.vpn]);
    await receiveSideReply({ ctx: desk.system, input: { conversationId: rows[0].id, body: 'Yes: a BGP flap on the Frankfurt edge router.', messageId: null, files: [] } });
    assert.deepEqual(await found({ q: 'mpls' }), sorted('vpn'));
    assert.deepEqual(await found({ q: 'frankfurt bgp' }), sorted('vpn'));
    // The customer never reads them, so never finds the ticket by them.
    assert.deepEqual(await found({ q: 'mpls' }, a.contact), []);
    assert.deepEqual(await found({ q: 'frankfurt' }, a.contact), []);
  });

  it('by number, with or without "#"', async () => {
    const { rows } = await desk.t.db.query<{ number: string }>('SELECT number FROM tickets WHERE id = $1', [ids.sdk]);
    assert.deepEqual(await found({ q: String(rows[0].number) }), sorted('sdk'));
    assert.deepEqual(await found({ q: `#${rows[0].number}` }), sorted('sdk'));
  });

  it("by the requester's email or its beginning; wildcards are characters", async () => {
    const [contact] = (await listContacts({ ctx: desk.system, input: { ids: [a.contactId] } })).items;
    assert.deepEqual(await found({ q: contact.email.toUpperCase() }), sorted('vpn', 'sdk'));
    assert.deepEqual(await found({ q: contact.email.slice(0, contact.email.indexOf('@') + 1) }), sorted('vpn', 'sdk'));
    assert.deepEqual(await found({ q: '%@%' }), []);
    assert.deepEqual(await found({ requesterId: a.contactId }), sorted('vpn', 'sdk'));
    assert.equal((await listContacts({ ctx: desk.system, input: { email: contact.email.toUpperCase() } })).items[0]?.id, a.contactId);
  });

  it("agents find an organization's tickets by its name; a customer does not search by their own", async () => {
    await desk.t.db.query("UPDATE organizations SET name = 'Initrode Hotels' WHERE id = $1", [b.id]);
    assert.deepEqual(await found({ q: 'initrode' }), sorted('other', 'accent'));
    assert.deepEqual(await found({ q: 'HOTELS init' }), sorted('other', 'accent'));
    // All the words in the name, as in one message: the name and a subject do not mix.
    assert.deepEqual(await found({ q: 'initrode vpn' }), []);
    assert.deepEqual(await found({ q: 'initrode' }, b.contact), []);
  });

  it("a contact finds only its own organization's tickets", async () => {
    assert.deepEqual(await found({ q: 'vpn' }, a.contact), sorted('vpn'));
    const { rows } = await desk.t.db.query<{ number: string }>('SELECT number FROM tickets WHERE id = $1', [ids.other]);
    assert.deepEqual(await found({ q: String(rows[0].number) }, a.contact), []);
  });

  it("uses the words index for the query's own expression when the table is large enough to want one", async () => {
    // The planner prefers a scan on a small table; forbid it to see that the index matches the query.
    await desk.t.db.transaction(async (tx) => {
      await tx.query('SET LOCAL enable_seqscan = off');
      const { rows } = await tx.query<Record<string, string>>(`EXPLAIN SELECT id FROM tickets t WHERE ${TICKET_WORDS} @@ to_tsquery('simple', 'vpn:*')`);
      assert.match(rows.map((r) => Object.values(r)[0]).join('\n'), /tickets_words/);
      // The messages' words, through their own partial index; and the whole search, through both.
      const messages = await tx.query<Record<string, string>>(
        `EXPLAIN SELECT e.ticket_id FROM ticket_events e WHERE ${MESSAGES} AND ${MESSAGE_WORDS} @@ to_tsquery('simple', 'vpn:*')`,
      );
      assert.match(messages.rows.map((r) => Object.values(r)[0]).join('\n'), /ticket_events_words/);
      for (const forContact of [false, true]) {
        const plan = await tx.query<Record<string, string>>(`EXPLAIN SELECT t.id FROM tickets t WHERE ${wordsMatch('$1', forContact)}`, ['vpn:*']);
        const text = plan.rows.map((r) => Object.values(r)[0]).join('\n');
        assert.match(text, /tickets_words/);
        assert.match(text, /ticket_events_words/);
      }
    });
  });
});

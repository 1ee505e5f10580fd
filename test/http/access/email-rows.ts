// Rows of the access matrix for the email routes: inbound mail is admins' only (raw customer mail,
// strangers' and forgeries included); the demo's mail catcher answers anyone on this machine
// (inject calls come from 127.0.0.1) and nobody else (test/email/routes.test.ts).
import { blockSender, emailSettingsFor, storeInbound } from '../../../src/email/index.ts';
import { sendSideMessage } from '../../../src/tickets/index.ts';
import { expect, type Row, type RowsEnv } from './matrix-kit.ts';

const ADMIN_ONLY = { contact: false as const, roles: ['admin'] };

export function rows({ h, ticketA, unique }: RowsEnv): Row[] {
  const stored = async (status: 'received' | 'held') => {
    const raw = Buffer.from('From: someone@unknown.example\r\nTo: support@accord.localhost\r\nSubject: Hello\r\n\r\nHi\r\n');
    const id = (await storeInbound(h.desk.t.db, h.desk.clock, raw, { source: 'smtp', envelopeFrom: 'someone@unknown.example', envelopeTo: [] }))!;
    if (status === 'held') await h.desk.t.db.query("UPDATE inbound_messages SET status = 'held' WHERE id = $1", [id]);
    return id;
  };
  // A held answer in a fresh side conversation of ticket A's, from someone besides the one written to.
  const heldSideAnswer = async () => {
    const sent = await sendSideMessage({ ctx: h.desk.ctx({ kind: 'agent', id: h.manager.id, role: 'manager' }), input: { ticketId: ticketA, to: 'supplier@partner.example', body: 'Seen this?' } });
    const id = await stored('held');
    await h.desk.t.db.query("UPDATE inbound_messages SET from_address = 'colleague@partner.example', side_conversation_id = $2 WHERE id = $1", [id, sent.data.conversation_id]);
    return id;
  };
  return [
    {
      method: 'POST', url: '/api/v1/email/inbound/:id/take-into-side-conversation',
      request: async () => ({ method: 'POST', url: `/api/v1/email/inbound/${await heldSideAnswer()}/take-into-side-conversation` }),
      expect: expect({ ...ADMIN_ONLY, ok: 200 }),
    },
    { method: 'GET', url: '/api/v1/email/inbound', request: async () => ({ method: 'GET', url: '/api/v1/email/inbound' }), expect: expect({ ...ADMIN_ONLY, ok: 200 }) },
    {
      method: 'GET', url: '/api/v1/email/inbound/:id',
      request: async () => ({ method: 'GET', url: `/api/v1/email/inbound/${await stored('received')}` }),
      expect: expect({ ...ADMIN_ONLY, ok: 200 }),
    },
    {
      method: 'POST', url: '/api/v1/email/inbound/:id/retry',
      request: async () => ({ method: 'POST', url: `/api/v1/email/inbound/${await stored('held')}/retry` }),
      expect: expect({ ...ADMIN_ONLY, ok: 200 }),
    },
    {
      method: 'POST', url: '/api/v1/email/inbound/:id/dismiss',
      request: async () => ({ method: 'POST', url: `/api/v1/email/inbound/${await stored('held')}/dismiss`, payload: { reason: 'spam' } }),
      expect: expect({ ...ADMIN_ONLY, ok: 200 }),
    },
    // Blocked senders: admins' only, as all inbound mail; each request blocks someone new.
    { method: 'GET', url: '/api/v1/email/blocked-senders', request: async () => ({ method: 'GET', url: '/api/v1/email/blocked-senders' }), expect: expect({ ...ADMIN_ONLY, ok: 200 }) },
    {
      method: 'POST', url: '/api/v1/email/blocked-senders',
      request: async () => ({ method: 'POST', url: '/api/v1/email/blocked-senders', payload: { sender: `${unique('bot')}@leads.example`, reason: 'cold sales' } }),
      expect: expect({ ...ADMIN_ONLY, ok: 201 }),
    },
    {
      method: 'DELETE', url: '/api/v1/email/blocked-senders/:id',
      request: async () => {
        const block = await blockSender({ ctx: h.desk.system, settings: emailSettingsFor('support@accord.localhost'), input: { sender: `${unique('old')}.example` } });
        return { method: 'DELETE', url: `/api/v1/email/blocked-senders/${block.id}` };
      },
      expect: expect({ ...ADMIN_ONLY, ok: 204 }),
    },
    {
      method: 'POST', url: '/api/v1/email/inbound/:id/block-sender',
      request: async () => {
        const id = await stored('held');
        await h.desk.t.db.query('UPDATE inbound_messages SET from_address = $2 WHERE id = $1', [id, `${unique('pest')}@unknown.example`]);
        return { method: 'POST', url: `/api/v1/email/inbound/${id}/block-sender`, payload: { reason: 'pest' } };
      },
      expect: expect({ ...ADMIN_ONLY, ok: 200 }),
    },
    { method: 'GET', url: '/dev/mail', request: async () => ({ method: 'GET', url: '/dev/mail' }), expect: expect({ public: true, ok: 200 }) },
    { method: 'GET', url: '/dev/mail.json', request: async () => ({ method: 'GET', url: '/dev/mail.json' }), expect: expect({ public: true, ok: 200 }) },
  ];
}

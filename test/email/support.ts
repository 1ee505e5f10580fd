// Shared by the email suites: a desk with two customer organizations, a ticket of the first one's
// contact, the email settings of a support address at desk.example, and fixture loading.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { emailSettingsFor, processInbound, storeInbound, type EmailSettings, type InboundResult } from '../../src/email/index.ts';
import type { Actor } from '../../src/platform/index.ts';
import { createTicket } from '../../src/tickets/index.ts';
import { openDesk, type Desk } from '../support/desk.ts';

export type MailDesk = {
  desk: Desk;
  settings: EmailSettings;
  contact1: Actor & { kind: 'contact' };
  org1: string;
  org2: string;
  ticket: { id: string; number: number };
  receiptId: string;
  deliver: (raw: Buffer, envelopeFrom?: string | null) => Promise<InboundResult>;
  fixture: (name: string) => Buffer;
};

/** `source`: a test-local variant of the policy's YAML (openDesk). */
export async function openMailDesk(policy = 'openback', at = '2026-12-02T10:00:00Z', source?: string): Promise<MailDesk> {
  const desk = await openDesk(policy, at, source);
  const settings = emailSettingsFor('support@desk.example', 'OpenBack');
  const a = await desk.addOrganization('enterprise'); // contact1@customer.example
  const b = await desk.addOrganization('enterprise'); // contact2@customer.example
  await desk.t.db.query('INSERT INTO contacts (id, organization_id, email, name, named_contact, created_at) VALUES ($1, $2, $3, $4, true, $5)', [
    randomUUID(), a.id, 'colleague@customer.example', 'Bea Colleague', desk.clock.now(),
  ]);
  const t = await createTicket({ ctx: desk.ctx(a.contact), input: { subject: 'Keys fail', description: 'Guests cannot open rooms', channel: 'email' } });
  const { rows } = await desk.t.db.query<{ id: string }>("SELECT id FROM outbox WHERE kind = 'ticket_received' AND payload->>'ticket_id' = $1", [t.id]);
  const ticket = { id: t.id, number: t.number };
  const fixture = (name: string) => {
    const text = readFileSync(new URL(`./fixtures/${name}`, import.meta.url)).toString('latin1');
    const filled = text.replaceAll('{{TICKET_ID}}', ticket.id).replaceAll('{{TICKET_NUMBER}}', String(ticket.number)).replaceAll('{{OUTBOX_ID}}', rows[0].id);
    return Buffer.from(filled, 'latin1');
  };
  return {
    desk, settings, contact1: a.contact as Actor & { kind: 'contact' }, org1: a.id, org2: b.id, ticket, receiptId: rows[0].id, fixture,
    async deliver(raw, envelopeFrom = 'someone@customer.example') {
      const id = await storeInbound(desk.t.db, desk.clock, raw, { source: 'smtp', envelopeFrom, envelopeTo: ['support@desk.example'] });
      const result = await processInbound({ ctx: desk.system, settings, inboundId: id! });
      return result!;
    },
  };
}

// What the desk page tests share (desk-pages.test.ts, desk-ticket-actions.test.ts, the kept-typing
// tests): a ticket's row as stored, the ticket a form's redirect lands on, the desk they run on, a
// colleague of contact A to copy and who is copied.
import { randomUUID } from 'node:crypto';
import { openWebApp, type WebApp } from './web-app.ts';

export type TicketRow = { channel: string; requester_id: string; severity: number; subject: string; number: string };

export const ticketRowOf = async (h: WebApp, id: string): Promise<TicketRow> =>
  (await h.desk.t.db.query<TicketRow>('SELECT channel, requester_id, severity, subject, number FROM tickets WHERE id = $1', [id])).rows[0];

/** The id of the ticket a form sent the agent to (`/agent/tickets/<id>?done=...`), or ''. */
export const ticketIdOf = (location: unknown) => /^\/agent\/tickets\/([0-9a-f-]{36})\?done=/.exec(String(location))?.[1] ?? '';

/** OpenBack's desk (Enterprise plan), with contact A's email as the agent types it. */
export async function openDeskApp(): Promise<{ h: WebApp; emailA: string }> {
  const h = await openWebApp('openback', 'enterprise');
  const { rows } = await h.desk.t.db.query<{ email: string }>('SELECT email FROM contacts WHERE id = $1', [h.contactA.id]);
  return { h, emailA: rows[0].email };
}

/** A new contact of contact A's organization, not named, called `name`: their email. */
export async function colleagueOfA(h: WebApp, name: string): Promise<string> {
  const email = `colleague-${randomUUID().slice(0, 8)}@customer.example`;
  await h.desk.t.db.query('INSERT INTO contacts (id, organization_id, email, name, named_contact, created_at) VALUES ($1, $2, $3, $4, false, $5)', [
    randomUUID(), h.contactA.organizationId, email, name, h.desk.clock.now(),
  ]);
  return email;
}

/** The names of the people copied on a ticket, as stored. */
export const copiedOn = async (h: WebApp, ticketId: string): Promise<{ name: string }[]> =>
  (await h.desk.t.db.query<{ name: string }>('SELECT c.name FROM ticket_ccs t JOIN contacts c ON c.id = t.contact_id WHERE t.ticket_id = $1', [ticketId])).rows;

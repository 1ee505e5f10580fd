// What the desk page tests share (desk-pages.test.ts, desk-ticket-actions.test.ts): a ticket's row as
// stored, the ticket a form's redirect lands on, and the desk they run on.
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

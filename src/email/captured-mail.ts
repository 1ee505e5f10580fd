// The demo's mail catcher, read: what Accord would have sent with no relay configured.
import type { Db } from '../platform/index.ts';

export type CapturedMail = {
  id: string;
  outboxId: string | null;
  capturedAt: Temporal.Instant;
  from: string;
  recipients: string[];
  subject: string;
  headers: Array<[string, string]>;
  text: string | null;
  html: string | null;
};

/** The newest captured messages first. */
export async function listCapturedMail(db: Db, limit = 200): Promise<CapturedMail[]> {
  const { rows } = await db.query<Record<string, any>>(
    'SELECT id, outbox_id, captured_at, envelope_from, recipients, subject, headers, text_body, html_body FROM captured_mail ORDER BY captured_at DESC, id DESC LIMIT $1',
    [limit],
  );
  return rows.map((r) => ({
    id: r.id, outboxId: r.outbox_id, capturedAt: r.captured_at, from: r.envelope_from, recipients: r.recipients,
    subject: r.subject, headers: r.headers, text: r.text_body, html: r.html_body,
  }));
}

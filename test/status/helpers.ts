// Shared by the status suites: a desk on a policy with a status page, and small readers of what
// the status verbs wrote (notifications, outbox rows, component statuses).
import type { Db } from '../../src/platform/index.ts';
import { confirmSubscription, subscribe } from '../../src/status/index.ts';
import type { Desk } from '../support/desk.ts';

export const LINKS = { baseUrl: 'https://desk.example', batchSize: 500 };

export async function notifications(db: Db): Promise<Array<{ event: string; list: string; component_ids: string[]; subject: string; body: string }>> {
  return (await db.query<any>('SELECT event, list, component_ids, subject, body FROM status_notifications ORDER BY created_at, id')).rows;
}

export async function componentStatus(db: Db, id: string): Promise<string> {
  const { rows } = await db.query<{ status: string }>('SELECT status FROM status_components WHERE id = $1', [id]);
  return rows[0]?.status ?? 'operational';
}

export async function outbox(db: Db, kind: string): Promise<Array<{ recipient: string; subject: string; body: string; payload: any; dedupe_key: string }>> {
  return (await db.query<any>('SELECT recipient, subject, body, payload, dedupe_key FROM outbox WHERE kind = $1 ORDER BY created_at, recipient', [kind])).rows;
}

/** Subscribes an address to `list` as a visitor and confirms it through its mailed link; returns its manage token. */
export async function subscribeConfirmed(d: Desk, email: string, list = 'status'): Promise<string> {
  const anon = { ...d.system, actor: { kind: 'anonymous' as const } };
  await subscribe({ ctx: anon, input: { email, list }, settings: LINKS });
  const mail = (await outbox(d.t.db, 'status_confirm')).filter((m) => m.recipient === email.toLowerCase()).at(-1)!;
  const token = /\/status\/confirm\/([A-Za-z0-9_-]+)/.exec(mail.body)![1];
  return (await confirmSubscription({ ctx: anon, input: { token } })).manageToken;
}

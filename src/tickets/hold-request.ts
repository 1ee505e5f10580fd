// Keeping a refused request: the whole request, who sent it, through which channel and why it
// was refused, and the files chosen with it, for an agent to accept (opening the ticket) or
// dismiss. Nothing a customer sent is lost to a policy rule, nor left unseen: the managers and
// admins are mailed of it (unless they turned that mail off), with its subject and first lines so
// they judge how urgent it looks without opening it, and the queue says how many wait. (A contact
// whose mail was held for not being a named contact is told so by email/held-sender.ts.)
import { randomUUID } from 'node:crypto';
import { agentsTakingMail } from '../customers/index.ts';
import { queueMessage } from '../outbox/index.ts';
import { actorId, type Actor, type Db } from '../platform/index.ts';
import { endedSentence } from '../policy/index.ts';
import type { Refusal } from './intake.ts';

export async function holdRequest(
  tx: Db,
  input: {
    actor: Actor; requesterId: string | null; organizationId: string | null; channel: string; request: unknown; refusal: Refusal; now: Temporal.Instant;
    /** The channel in a sentence, as the policy names it ("by Web Support"; policy channelWords; "by Email, filed in the portal": filedName), for the notice; the kind stored ("web") without it. */
    channelName?: string;
    /** Why it was held as the managers' notice says it, read later than it was held (held-reason.ts); the refusal's own words without it. */
    noticeReason?: string;
    /** Checked already (tickets/files.ts checkFiles): a held request takes what a ticket would. */
    files?: ReadonlyArray<{ filename: string; contentType: string; content: Uint8Array }>;
  },
): Promise<{ id: string }> {
  const id = randomUUID();
  await tx.query(
    `INSERT INTO held_requests (id, organization_id, requester_id, actor_kind, actor_id, channel, request, reason_code, reason, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9, $10)`,
    [id, input.organizationId, input.requesterId, input.actor.kind, actorId(input.actor), input.channel, JSON.stringify(input.request), input.refusal.code, input.refusal.message, input.now],
  );
  for (const f of input.files ?? []) {
    await tx.query(
      'INSERT INTO held_request_files (id, held_request_id, filename, content_type, size, content, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)',
      [randomUUID(), id, f.filename, f.contentType, f.content.byteLength, f.content, input.now],
    );
  }
  await mailHeldNotice(tx, { id, requesterId: input.requesterId, channel: input.channelName ?? input.channel, request: input.request, reason: input.noticeReason ?? input.refusal.message, now: input.now });
  return { id };
}

/** The managers and admins hear of a held request: who, by which channel (by its name), why, and where to review it. */
async function mailHeldNotice(tx: Db, held: { id: string; requesterId: string | null; channel: string; request: unknown; reason: string; now: Temporal.Instant }): Promise<void> {
  const { rows: leads } = await tx.query<{ id: string }>("SELECT id FROM agents WHERE role IN ('manager', 'admin') AND deactivated_at IS NULL");
  const to = await agentsTakingMail(tx, leads.map((l) => l.id), 'held_request');
  if (to.length === 0) return;
  const { rows } = held.requesterId
    ? await tx.query<{ name: string; email: string; organization: string }>(
        'SELECT c.name, c.email, o.name AS organization FROM contacts c JOIN organizations o ON o.id = c.organization_id WHERE c.id = $1', [held.requesterId],
      )
    : { rows: [] };
  const who = rows[0] ? `${rows[0].name} <${rows[0].email}> of ${rows[0].organization}` : 'Someone';
  const subject = typeof (held.request as { subject?: unknown })?.subject === 'string' ? (held.request as { subject: string }).subject : null;
  const description = typeof (held.request as { description?: unknown })?.description === 'string' ? (held.request as { description: string }).description : '';
  // Its first lines, so that how grave it looks ("PRODUCTION DOWN") is read in the notice itself.
  const opening = firstLines(description);
  const wrote = opening ? `\n\nThey wrote:\n${opening.map((l) => `> ${l}`).join('\n')}` : '';
  for (const agent of to) {
    await queueMessage(tx, {
      kind: 'held_notice', recipient: agent.email, createdAt: held.now,
      subject: `Held for review: ${subject ?? `a request by ${held.channel}`}`,
      body: `${who} asked${subject ? ` "${subject}"` : ''} by ${held.channel}, and the policy held it: ${endedSentence(held.reason)}${wrote}\n\nAccept it (the ticket opens) or dismiss it with a note on the held requests page.`,
      payload: { held_request_id: held.id, automatic: true, links: [{ label: 'The held request', path: `/agent/held/${held.id}` }] },
      dedupeKey: `held:${held.id}:${agent.id}`,
    });
  }
}

/** Lines the held notice quotes of a request, and characters at most (a longer one is cut, marked "..."). */
const OPENING_LINES = 6;
const OPENING_CHARS = 600;

/**
 * The first lines of what the customer wrote (empty lines and spaces at their ends left out), cut
 * after OPENING_LINES lines or OPENING_CHARS characters, "..." saying so; null when it is empty.
 */
function firstLines(text: string): string[] | null {
  const lines = text.split(/\r\n?|\n/).map((l) => l.trim()).filter((l) => l !== '');
  if (lines.length === 0) return null;
  const out: string[] = [];
  let chars = 0;
  for (const line of lines.slice(0, OPENING_LINES)) {
    const room = OPENING_CHARS - chars;
    if (line.length > room) {
      out.push(`${line.slice(0, room).trimEnd()}...`);
      return out;
    }
    out.push(line);
    chars += line.length;
  }
  if (lines.length > OPENING_LINES) out.push('...');
  return out;
}

// Keeping a refused request: the whole request, who sent it, through which channel and why it
// was refused, and the files chosen with it, for an agent to accept (opening the ticket) or
// dismiss. Nothing a customer sent is lost to a policy rule.
import { randomUUID } from 'node:crypto';
import { actorId, type Actor, type Db } from '../platform/index.ts';
import type { Refusal } from './intake.ts';

export async function holdRequest(
  tx: Db,
  input: {
    actor: Actor; requesterId: string | null; organizationId: string | null; channel: string; request: unknown; refusal: Refusal; now: Temporal.Instant;
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
  return { id };
}

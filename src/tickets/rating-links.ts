// Rating from the resolution mail: most customers answer by mail and never sign in, so the mail
// carries a link per person it went to (good, bad) that rates as that person without a password.
// The link's token is the authority (as a status subscriber's links are): random, stored hashed,
// for RATING_LINK_DAYS. Following it rates nothing by itself: the page it opens asks to confirm
// (mail scanners follow links), then rates through rateTicket, under the same rules as the case
// page (solved or closed, not merged, the requester or a person still copied).
import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { NotFoundError, parseInput, type Ctx, type Db, type ReadCtx } from '../platform/index.ts';
import { rateTicket, ratingOf, type Rating } from './rate-ticket.ts';
import { RATINGS } from './schemas.ts';

/** How long a rating link works after the mail that carries it. */
export const RATING_LINK_DAYS = 30;

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

/** A new link for one reader of a solved ticket, in the transaction that queues its mail; the token goes in the mail only. */
export async function issueRatingLink(tx: Db, input: { ticketId: string; contactId: string; now: Temporal.Instant }): Promise<string> {
  const token = randomBytes(24).toString('base64url');
  await tx.query('INSERT INTO rating_links (token_hash, ticket_id, contact_id, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)', [
    hashOf(token), input.ticketId, input.contactId, input.now, input.now.add({ hours: 24 * RATING_LINK_DAYS }),
  ]);
  return token;
}

/** The paths the resolution mail links to for a token (the email channel puts the desk's address before them). */
export function ratingLinkPaths(token: string): { good: string; bad: string } {
  return { good: `/rate/${token}?rating=good`, bad: `/rate/${token}?rating=bad` };
}

const TOKEN = /^[A-Za-z0-9_-]{20,64}$/;
// The comment is checked by rateTicket, as on the case page.
const RateByLinkInput = z.strictObject({ token: z.string(), rating: z.enum(RATINGS), comment: z.string().optional() });

export type RatingLink = {
  ticketId: string;
  number: number;
  subject: string;
  /** The contact the link rates as. */
  contactName: string;
  /** The ticket's plan: the page gives its times in that plan's zone. */
  plan: string;
  expiresAt: Temporal.Instant;
  /** The ticket's rating now (anyone's), to show what a new one replaces. */
  rating: Rating | null;
};

type LinkRow = { ticket_id: string; contact_id: string; organization_id: string; number: number; subject: string; name: string; plan_id: string; expires_at: Temporal.Instant };

const GONE = 'this rating link is unknown or has expired; rate the case in the support portal instead';

// An unknown, expired or deactivated contact's link is one answer, "not found": a link says nothing of why.
async function linkRow(db: Db, token: string, now: Temporal.Instant): Promise<LinkRow> {
  if (!TOKEN.test(token)) throw new NotFoundError(GONE);
  const { rows } = await db.query<LinkRow>(
    `SELECT l.ticket_id, l.contact_id, c.organization_id, t.number, t.subject, c.name, t.plan_id, l.expires_at
     FROM rating_links l JOIN contacts c ON c.id = l.contact_id JOIN tickets t ON t.id = l.ticket_id
     WHERE l.token_hash = $1 AND l.expires_at > $2 AND c.deactivated_at IS NULL`,
    [hashOf(token), now],
  );
  if (!rows[0]) throw new NotFoundError(GONE);
  return rows[0];
}

/** What a rating link's page shows. Open to anyone holding the link. */
export async function readRatingLink({ ctx, input }: { ctx: ReadCtx; input: { token: string } }): Promise<RatingLink> {
  const row = await linkRow(ctx.db, input.token, ctx.clock.now());
  return {
    ticketId: row.ticket_id, number: Number(row.number), subject: row.subject, contactName: row.name, plan: row.plan_id, expiresAt: row.expires_at,
    rating: await ratingOf(ctx.db, row.ticket_id),
  };
}

/** Rates the link's ticket as the link's contact (rateTicket decides whether it may be rated now). */
export async function rateByLink({ ctx, input }: { ctx: ReadCtx; input: z.input<typeof RateByLinkInput> }): Promise<Rating> {
  const data = parseInput(RateByLinkInput, input);
  const row = await linkRow(ctx.db, data.token, ctx.clock.now());
  const asContact: Ctx = { ...ctx, actor: { kind: 'contact', id: row.contact_id, organizationId: row.organization_id } };
  return rateTicket({ ctx: asContact, input: { ticketId: row.ticket_id, rating: data.rating, ...(data.comment ? { comment: data.comment } : {}) } });
}

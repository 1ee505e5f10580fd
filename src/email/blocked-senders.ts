// Blocked senders: a stranger who keeps writing (a cold sales list, a spam run a filter lets through,
// a former customer's mailing system) is blocked by an admin once, by address or by whole domain,
// instead of dismissing each message by hand. Their mail still arrives and is kept whole, listed as
// dismissed with the block named (bad input loses nothing; an admin who was wrong unblocks and
// processes it again). A block never touches a contact or an agent of the desk: a customer's request
// is a promise's clock, so only mail from someone the desk does not know is dismissed
// (decide-inbound.ts asks after it knows who wrote). Admins only, as all inbound mail.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { ConflictError, InvalidInputError, NotFoundError, parseInput, recordAudit, type Ctx, type Db } from '../platform/index.ts';
import { isUniqueViolation } from '../platform/db.ts';
import { isUuid } from '../platform/ids.ts';
import { requireMailAdmin } from './permissions.ts';
import type { EmailSettings } from './settings.ts';

/** Blocks a desk may hold: each is read for every stranger's message. */
export const MAX_BLOCKED_SENDERS = 1000;

export type BlockedSender = {
  id: string;
  /** An address, or a domain: its subdomains are blocked with it. */
  pattern: string;
  kind: 'address' | 'domain';
  reason: string | null;
  createdBy: string | null;
  createdAt: Temporal.Instant;
  /** How many messages it dismissed, and when the latest came. */
  dismissed: number;
  lastDismissedAt: Temporal.Instant | null;
  /** A domain's: how many active contacts have an address there (their mail is not blocked). */
  contactsThere: number;
};

export const BlockSenderInput = z.strictObject({
  /** someone@example.com, or example.com (also written @example.com) for everyone there. */
  sender: z.string().trim().min(1, 'is required: an address, or a domain for everyone there').max(254),
  reason: z.string().trim().max(200).optional(),
});
export type BlockSenderInput = z.input<typeof BlockSenderInput>;

const Address = z.email('is not an email address (someone@example.com) or a domain (example.com)');
const Domain = z.hostname('is not an email address (someone@example.com) or a domain (example.com)');

/** The sender as stored: an address, or a domain; refused naming `path` when it is neither. */
function patternOf(raw: string, path: string): { pattern: string; kind: 'address' | 'domain' } {
  const text = raw.trim().toLowerCase().replace(/^@/, '');
  const problem = (message: string) => new InvalidInputError(`${raw} cannot be blocked`, [{ path, message }]);
  if (text.includes('@')) {
    if (!Address.safeParse(text).success) throw problem('is not an email address (someone@example.com) or a domain (example.com)');
    return { pattern: text, kind: 'address' };
  }
  if (!Domain.safeParse(text).success) throw problem('is not an email address (someone@example.com) or a domain (example.com)');
  if (!text.includes('.')) throw problem('is a top-level domain or a single name: it would block too many; name the domain (example.com)');
  return { pattern: text, kind: 'domain' };
}

type Row = {
  id: string; pattern: string; kind: 'address' | 'domain'; reason: string | null; created_by_name: string | null; created_at: Temporal.Instant;
  dismissed: number; last_dismissed_at: Temporal.Instant | null; contacts_there: number;
};
const SELECT = `SELECT b.id, b.pattern, b.kind, b.reason, a.name AS created_by_name, b.created_at, b.dismissed, b.last_dismissed_at,
    CASE WHEN b.kind = 'domain' THEN (SELECT count(*)::int FROM contacts c WHERE c.deactivated_at IS NULL
      AND (split_part(c.email, '@', 2) = b.pattern OR right(split_part(c.email, '@', 2), length(b.pattern) + 1) = '.' || b.pattern)) ELSE 0 END AS contacts_there
  FROM blocked_senders b LEFT JOIN agents a ON a.id = b.created_by`;
const view = (r: Row): BlockedSender => ({
  id: r.id, pattern: r.pattern, kind: r.kind, reason: r.reason, createdBy: r.created_by_name, createdAt: r.created_at,
  dismissed: Number(r.dismissed), lastDismissedAt: r.last_dismissed_at, contactsThere: Number(r.contacts_there),
});

/** Admins: every block, the newest first. */
export async function listBlockedSenders({ ctx }: { ctx: Ctx }): Promise<BlockedSender[]> {
  requireMailAdmin(ctx.actor, 'read blocked senders');
  const { rows } = await ctx.db.query<Row>(`${SELECT} ORDER BY b.created_at DESC, b.pattern`);
  return rows.map(view);
}

/**
 * Admins: a sender blocked. Refused for the desk's own address or domain (its own mail is never
 * taken in anyway), and for an address a contact or an agent has (they are never blocked: a contact
 * who should not write is deactivated). Audited.
 */
export async function blockSender({ ctx, input, settings, path = 'sender' }: { ctx: Ctx; input: BlockSenderInput; settings: EmailSettings; path?: string }): Promise<BlockedSender> {
  requireMailAdmin(ctx.actor, 'block senders');
  const value = parseInput(BlockSenderInput, input);
  const { pattern, kind } = patternOf(value.sender, path);
  const own = [settings.supportAddress, ...settings.ownAddresses].map((a) => a.toLowerCase());
  const domain = settings.domain.toLowerCase();
  if (own.includes(pattern) || pattern === domain || (kind === 'domain' && domain.endsWith(`.${pattern}`)) || (kind === 'address' && pattern.endsWith(`@${domain}`))) {
    throw new InvalidInputError(`${pattern} is the desk's own`, [{ path, message: "is the desk's own address or domain: its own mail is never taken in" }]);
  }
  const now = ctx.clock.now();
  try {
    return await ctx.db.transaction(async (tx) => {
      if (kind === 'address') {
        const { rows: known } = await tx.query<{ what: string }>(
          `SELECT 'a contact' AS what FROM contacts WHERE email = $1 AND deactivated_at IS NULL
           UNION ALL SELECT 'an agent' FROM agents WHERE lower(email) = $1 AND deactivated_at IS NULL`, [pattern],
        );
        if (known[0]) {
          const instead = known[0].what === 'a contact' ? 'deactivate the contact instead' : 'deactivate the agent instead';
          throw new InvalidInputError(`${pattern} is ${known[0].what} of the desk`, [{ path, message: `is ${known[0].what}'s address: their mail is never blocked; ${instead}` }]);
        }
      }
      const { rows: [count] } = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM blocked_senders');
      if (count.n >= MAX_BLOCKED_SENDERS) throw new ConflictError(`The desk blocks ${count.n} senders already, the most it may: unblock some that no longer write`);
      const id = randomUUID();
      await tx.query(
        'INSERT INTO blocked_senders (id, pattern, kind, reason, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6)',
        [id, pattern, kind, value.reason || null, ctx.actor.kind === 'agent' ? ctx.actor.id : null, now],
      );
      await recordAudit(tx, { at: now, actor: ctx.actor, type: 'email.sender_blocked', subjectKind: 'blocked_sender', subjectId: id, data: { pattern, kind, reason: value.reason || null } });
      const { rows } = await tx.query<Row>(`${SELECT} WHERE b.id = $1`, [id]);
      return view(rows[0]);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError(`${pattern} is blocked already`, [{ path, message: 'is blocked already' }]);
    throw error;
  }
}

/** Admins: a block removed; mail it dismissed stays dismissed until processed again. Audited. */
export async function unblockSender({ ctx, input }: { ctx: Ctx; input: { blockId: string } }): Promise<void> {
  requireMailAdmin(ctx.actor, 'unblock senders');
  if (!isUuid(input.blockId)) throw new NotFoundError('no such blocked sender');
  await ctx.db.transaction(async (tx) => {
    const { rows } = await tx.query<{ pattern: string; kind: string }>('DELETE FROM blocked_senders WHERE id = $1 RETURNING pattern, kind', [input.blockId]);
    if (!rows[0]) throw new NotFoundError('no such blocked sender');
    await recordAudit(tx, { at: ctx.clock.now(), actor: ctx.actor, type: 'email.sender_unblocked', subjectKind: 'blocked_sender', subjectId: input.blockId, data: rows[0] });
  });
}

/**
 * The block a stranger's address falls under (its own, or its domain's or a parent domain's), counted
 * as having dismissed one more message; null when none. The caller knows the sender is no contact
 * or agent.
 */
export async function blockOf(tx: Db, from: string | null, now: Temporal.Instant): Promise<{ pattern: string; reason: string | null; createdAt: Temporal.Instant } | null> {
  if (!from) return null;
  const address = from.toLowerCase();
  const domain = address.slice(address.lastIndexOf('@') + 1);
  const { rows } = await tx.query<{ id: string; pattern: string; reason: string | null; created_at: Temporal.Instant }>(
    `SELECT id, pattern, reason, created_at FROM blocked_senders
     WHERE (kind = 'address' AND pattern = $1) OR (kind = 'domain' AND ($2 = pattern OR right($2, length(pattern) + 1) = '.' || pattern))
     ORDER BY kind = 'address' DESC, length(pattern) DESC LIMIT 1`,
    [address, domain],
  );
  const block = rows[0];
  if (!block) return null;
  await tx.query('UPDATE blocked_senders SET dismissed = dismissed + 1, last_dismissed_at = $2 WHERE id = $1', [block.id, now]);
  return { pattern: block.pattern, reason: block.reason, createdAt: block.created_at };
}

// Resolves a raw bearer token to the actor it belongs to. Unknown and revoked tokens are
// "invalid"; a token past its expiry is "expired", so its holder knows to make a new one.
// Revocation and expiry take effect on the next request: nothing is cached (a token check read
// together with concurrent ones still reads after its request arrived).
import type { Actor, AgentRole } from '../platform/context.ts';
import type { Clock } from '../platform/clock.ts';
import type { Db } from '../platform/db.ts';
import { groupRead } from '../platform/group-read.ts';
import { groupWrite } from '../platform/group-write.ts';
import type { Rows } from '../platform/statement.ts';
import { hashToken } from './secrets.ts';

export type TokenRow = {
  id: string;
  agent_id: string | null;
  agent_role: AgentRole | null;
  contact_id: string | null;
  organization_id: string | null;
  last_used_at: Temporal.Instant | null;
  expires_at: Temporal.Instant;
  revoked_at: Temporal.Instant | null;
  read_only: boolean;
  scopes: string[] | null;
};

/**
 * `readOnly`: the token may only read (GET and HEAD; http/access.ts refuses the rest); `scopes`: the
 * areas it may read or write (token-scopes.ts; null: whatever its owner's role may).
 */
export type TokenCheck = { status: 'valid'; actor: Actor; tokenId: string; readOnly: boolean; scopes: string[] | null } | { status: 'invalid' } | { status: 'expired' };

// Recording every use would turn each read into a write; once a minute is enough to see activity.
const LAST_USED_RESOLUTION = Temporal.Duration.from({ minutes: 1 });

// A token's use, written with the concurrent requests' writes (platform/group-write.ts). A minute
// after a busy spell every token in use is due at once; one statement for all of them keeps that
// from becoming a burst of commits in front of every request (measured in bench:intake's open
// loop: a 300 ms stall a minute after its first phase). Never moves last_used_at backwards.
// A token whose row another transaction holds is skipped, not waited for: that transaction is
// recording a use of the same token at about the same moment (or revoking it). So a group never
// waits on another instance's group, and two groups touching the same tokens in different orders
// cannot deadlock (each would otherwise wait on the other until deadlock_timeout).
function touched(id: string, at: Temporal.Instant): Rows {
  return {
    sql: `UPDATE api_tokens t SET last_used_at = u.c2::timestamptz FROM {rows}
           WHERE t.id = u.c1::uuid AND (t.last_used_at IS NULL OR t.last_used_at < u.c2::timestamptz)
             AND t.id IN (SELECT l.id FROM api_tokens l WHERE l.id = u.c1::uuid FOR UPDATE SKIP LOCKED)`,
    columns: 2,
    rows: [[id, at]],
  };
}

/** The token columns of a token check, for a read that joins more to it (`t`: api_tokens, `a`: agents, `c`: contacts). */
export const TOKEN_COLUMNS = 't.id, t.agent_id, a.role AS agent_role, t.contact_id, c.organization_id, t.last_used_at, t.expires_at, t.revoked_at, t.read_only, t.scopes';
/** The joins TOKEN_COLUMNS reads from, after `FROM {keys}` (the keys are token hashes). */
export const TOKEN_JOINS = `JOIN api_tokens t ON t.token_hash = k.key
     LEFT JOIN agents a ON a.id = t.agent_id
     LEFT JOIN contacts c ON c.id = t.contact_id`;

const TOKEN_READ = { name: 'token', sql: `SELECT k.ord, ${TOKEN_COLUMNS} FROM {keys} ${TOKEN_JOINS}` };

export async function authenticateToken(db: Db, clock: Clock, token: string): Promise<TokenCheck> {
  // Read with the concurrent requests' token checks (platform/group-read.ts).
  const rows = await groupRead<TokenRow & { ord: number }>(db, TOKEN_READ, hashToken(token));
  return checkToken(db, clock, rows[0]);
}

/** What a token's row (read with TOKEN_COLUMNS; none: no such token) says about its bearer, recording its use. */
export async function checkToken(db: Db, clock: Clock, row: TokenRow | undefined): Promise<TokenCheck> {
  if (!row || row.revoked_at !== null) return { status: 'invalid' };
  const now = clock.now();
  if (Temporal.Instant.compare(row.expires_at, now) <= 0) return { status: 'expired' };
  if (!row.last_used_at || Temporal.Instant.compare(row.last_used_at.add(LAST_USED_RESOLUTION), now) <= 0) {
    await groupWrite(db, [touched(row.id, now)]);
  }
  const readOnly = row.read_only === true;
  const scopes = row.scopes ?? null;
  if (row.agent_id && row.agent_role) return { status: 'valid', tokenId: row.id, readOnly, scopes, actor: { kind: 'agent', id: row.agent_id, role: row.agent_role } };
  if (row.contact_id && row.organization_id) {
    return { status: 'valid', tokenId: row.id, readOnly, scopes, actor: { kind: 'contact', id: row.contact_id, organizationId: row.organization_id } };
  }
  return { status: 'invalid' };
}

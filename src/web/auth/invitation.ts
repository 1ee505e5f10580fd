// An invitation to sign in: a person added to the desk (a contact by a manager, an agent by an
// admin) is mailed a link to choose their password, so nobody has to tell them to use "forgot
// password". The link is a password-reset token (password-reset.ts spends it on /reset) that
// lives INVITE_DAYS instead of an hour; asking again sends a new one (the old ones keep working
// until they expire or one is used). Who may invite: whoever may add that person (managers and
// admins for contacts, admins for agents); never a person who left (deactivated).
import { randomUUID } from 'node:crypto';
import { hashToken, requireAgentRole } from '../../customers/index.ts';
import { ConflictError, NotFoundError, recordAudit, type Ctx, type Db } from '../../platform/index.ts';
import { isUuid } from '../../platform/ids.ts';
import { possessive } from '../../policy/index.ts';
import { activePolicy } from '../../policy-versions/index.ts';
import { queueMessage } from '../../outbox/index.ts';
import { randomSecret, type Person } from './sessions.ts';

export const INVITE_DAYS = 7;

export type Invitation = { email: string; expiresAt: Temporal.Instant };

type Account = { email: string; name: string; deactivated_at: Temporal.Instant | null; organization: string | null };

/**
 * Where a person signs in, as their mail about it names it: the vendor's support portal for a contact,
 * its support desk for an agent ("OpenBack's support portal"), never the software's name (a customer
 * knows the vendor, not Accord). Without an active policy, "the support portal" / "the support desk".
 */
export async function accountPlace(db: Db, kind: Person['kind']): Promise<string> {
  const place = kind === 'agent' ? 'desk' : 'portal';
  const vendor = await activePolicy(db).then((p) => p.model.file.vendor.name, () => null);
  return vendor ? `${possessive(vendor)} support ${place}` : `the support ${place}`;
}

/** Mails the person a link to choose their password, valid INVITE_DAYS. */
export async function inviteToSignIn({ ctx, baseUrl }: { ctx: Ctx; baseUrl: string }, who: Person): Promise<Invitation> {
  requireAgentRole(ctx.actor, who.kind === 'agent' ? ['admin'] : ['manager', 'admin'], who.kind === 'agent' ? 'invite agents' : 'invite contacts');
  if (!isUuid(who.id)) throw new NotFoundError(`${who.kind} not found`);
  const now = ctx.clock.now();
  const place = await accountPlace(ctx.db, who.kind);
  return ctx.db.transaction(async (tx) => {
    const { rows } = await tx.query<Account>(
      who.kind === 'agent'
        ? 'SELECT email, name, deactivated_at, NULL AS organization FROM agents WHERE id = $1'
        : 'SELECT c.email, c.name, c.deactivated_at, o.name AS organization FROM contacts c JOIN organizations o ON o.id = c.organization_id WHERE c.id = $1',
      [who.id],
    );
    const account = rows[0];
    if (!account) throw new NotFoundError(`${who.kind} not found`);
    if (account.deactivated_at) throw new ConflictError(`this ${who.kind} is deactivated: reactivate them first`);
    const token = randomSecret();
    const expiresAt = now.add({ hours: 24 * INVITE_DAYS });
    await tx.query(
      'INSERT INTO web_password_resets (id, token_hash, agent_id, contact_id, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6)',
      [randomUUID(), hashToken(token), who.kind === 'agent' ? who.id : null, who.kind === 'contact' ? who.id : null, now, expiresAt],
    );
    const base = baseUrl.replace(/\/+$/, '');
    const link = `${base}/reset?token=${encodeURIComponent(token)}&welcome=1`;
    const where = who.kind === 'agent' ? `${place}, as an agent` : `${place}${account.organization ? `, for ${account.organization}` : ''}`;
    const what = who.kind === 'agent'
      ? 'There you work the queue and the tickets, with their promised times.'
      : 'There you open cases, follow them and their promised times, and read the support policy.';
    await queueMessage(tx, {
      kind: 'invitation', recipient: account.email, createdAt: now,
      subject: `Your account on ${place}`,
      body: [
        `${account.name}, you have an account on ${where}: ${account.email}. ${what}`,
        `To choose your password, open this link within ${INVITE_DAYS} days:\n${link}`,
        `The link works once. Then sign in at ${base}/login. If it has expired, ask for a new one at ${base}/forgot.`,
      ].join('\n\n'),
      payload: { link },
    });
    await recordAudit(tx, { at: now, actor: ctx.actor, type: `${who.kind}.invited`, subjectKind: who.kind, subjectId: who.id, data: { expiresAt: expiresAt.toString() } });
    return { email: account.email, expiresAt };
  });
}

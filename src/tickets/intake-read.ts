// What intake reads before it decides a ticket: the active policy version, the requester with
// their organization, and the new ticket's number (taken now, so the number is known to everything
// written with the ticket; a request refused after this leaves a gap, as a rolled-back insert would).
//
// Two ways to read it, one statement each, grouped with concurrent requests (platform/group-read.ts):
// - readIntake, by the requester's id (an agent opening a ticket for a contact, an email);
// - readIntakeWithToken, by the bearer token of a contact opening a ticket for itself: the token
//   check and the intake read in one round trip instead of two, one after the other (ADR 0014).
import type { Clock, Db } from '../platform/index.ts';
import { NotFoundError, UnavailableError, groupRead } from '../platform/index.ts';
import { checkToken, hashToken, TOKEN_COLUMNS, TOKEN_JOINS, type TokenCheck, type TokenRow } from '../customers/index.ts';
import { ACTIVE_VERSION_SQL, loadedVersion, type PolicyVersion } from '../policy-versions/index.ts';
import { isUuid } from '../platform/ids.ts';

export type Requester = {
  id: string;
  email: string;
  organization_id: string;
  named_contact: boolean;
  plan_id: string;
  onboarding_state: string;
  existing_customer: boolean;
  unmet_requirements: string[];
  org_name: string;
  /** The contact's name and own time zone (their profile's): the receipt is worded and timed for them. */
  requester_name: string;
  requester_zone: string | null;
  /** The organization's designated people (customers/designations.ts): feature id -> agent id. */
  designated_agents: Record<string, string>;
};

export type IntakeRead = { policy: PolicyVersion; requester: Requester; number: number };

const NUMBER = "nextval(pg_get_serial_sequence('tickets', 'number'))";
const REQUESTER_COLUMNS = 'c.email, c.named_contact, o.plan_id, o.onboarding_state, o.existing_customer, o.unmet_requirements, o.name AS org_name, o.designated_agents, ' +
  'c.name AS requester_name, c.time_zone AS requester_zone';

// One row per request of the group, each with a number of its own.
const INTAKE_READ = { name: 'intake', sql: `SELECT k.ord, v.id AS version_id, v.version, v.activated_at, c.id, c.organization_id, ${REQUESTER_COLUMNS},
       CASE WHEN c.id IS NOT NULL THEN ${NUMBER} END AS number
     FROM {keys}
     CROSS JOIN (${ACTIVE_VERSION_SQL}) v
     LEFT JOIN contacts c ON c.id = k.key::uuid AND c.deactivated_at IS NULL
     LEFT JOIN organizations o ON o.id = c.organization_id
     ORDER BY k.ord` };

// The token check's columns (customers/authenticate-token.ts) and, for a contact's token that is
// not revoked, intake's. A number is taken only then: an agent's token, a revoked one or an unknown
// one takes none. Expiry is the injected clock's to judge (checkToken), so an expired contact
// token still takes one, and leaves a gap like any refused request.
const TOKEN_INTAKE_READ = { name: 'token+intake', sql: `SELECT k.ord, ${TOKEN_COLUMNS},
       v.id AS version_id, v.version, v.activated_at, ${REQUESTER_COLUMNS},
       CASE WHEN c.id IS NOT NULL AND t.revoked_at IS NULL AND v.id IS NOT NULL THEN ${NUMBER} END AS number
     FROM {keys}
     ${TOKEN_JOINS}
     LEFT JOIN organizations o ON o.id = c.organization_id
     LEFT JOIN (${ACTIVE_VERSION_SQL}) v ON true
     ORDER BY k.ord` };

type VersionColumns = { version_id: string | null; version: number | null; activated_at: Temporal.Instant | null };
type RequesterColumns = Omit<Requester, 'id' | 'organization_id'>;

/** Intake's read for `requesterId` (a contact's id). */
export async function readIntake(db: Db, requesterId: string): Promise<IntakeRead> {
  // Not a contact's id at all: not sent, so it cannot fail the reads grouped with it.
  if (!isUuid(requesterId)) throw new NotFoundError('requester not found', [{ path: 'requesterId', message: 'no such contact' }]);
  const rows = await groupRead<Requester & VersionColumns & { ord: number; number: number | null }>(db, INTAKE_READ, requesterId);
  const row = rows[0];
  if (!row) throw new UnavailableError('no policy has been activated yet');
  if (row.id === null || row.number === null) throw new NotFoundError('requester not found', [{ path: 'requesterId', message: 'no such contact' }]);
  const { ord: _o, version_id, version, activated_at, number, ...requester } = row;
  const policy = await loadedVersion(db, { id: version_id!, version: version!, activated_at: activated_at! });
  return { policy, requester, number: Number(number) };
}

/**
 * The token check of `token` and, when it is a contact's, intake's read for that contact: what
 * a contact opening a ticket for itself needs, in one round trip. `intake` is null when the
 * bearer is not a contact, or no policy is active yet (createTicket then reads on its own and
 * says why).
 */
export async function readIntakeWithToken(db: Db, clock: Clock, token: string): Promise<{ check: TokenCheck; intake: IntakeRead | null }> {
  const rows = await groupRead<TokenRow & VersionColumns & Partial<RequesterColumns> & { ord: number; number: number | null }>(db, TOKEN_INTAKE_READ, hashToken(token));
  const row = rows[0];
  const check = await checkToken(db, clock, row);
  if (check.status !== 'valid' || check.actor.kind !== 'contact' || !row || row.number === null || row.version_id === null) return { check, intake: null };
  const policy = await loadedVersion(db, { id: row.version_id, version: row.version!, activated_at: row.activated_at! });
  const requester: Requester = {
    id: row.contact_id!, email: row.email!, organization_id: row.organization_id!, named_contact: row.named_contact!, plan_id: row.plan_id!,
    onboarding_state: row.onboarding_state!, existing_customer: row.existing_customer!, unmet_requirements: row.unmet_requirements!, org_name: row.org_name!,
    requester_name: row.requester_name!, requester_zone: row.requester_zone ?? null, designated_agents: row.designated_agents ?? {},
  };
  return { check, intake: { policy, requester, number: Number(row.number) } };
}

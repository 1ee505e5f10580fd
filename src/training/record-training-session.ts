// recordTrainingSession: training given to an organization, debiting the grants valid on its
// date (ledger.ts). A session beyond the balance is refused, naming the balance, unless a
// manager or admin gives an override reason; the overdraft is then kept on the session and
// shows as a negative balance. Any agent may record a session.
import { randomUUID } from 'node:crypto';
import { recordAudit } from '../platform/audit.ts';
import { ForbiddenError, InvalidInputError, LimitExceededError } from '../platform/errors.ts';
import { parseInput } from '../platform/validation.ts';
import { actorId, type Ctx } from '../platform/context.ts';
import { chargeSession, hoursOf } from './ledger.ts';
import { hasAgentRole, MANAGERS, requireAgent } from '../customers/index.ts';
import { RecordTrainingSessionInput } from './schemas.ts';
import type { TrainingSession } from './schemas.ts';
import { hoursText, lotsOn, organizationForActor, SESSION_COLUMNS } from './store.ts';

/**
 * @example
 * await recordTrainingSession({ ctx, input: { organizationId, date: '2026-05-04', hours: 1.5, notes: 'Reports module' } });
 */
export async function recordTrainingSession({ ctx, input }: { ctx: Ctx; input: RecordTrainingSessionInput }): Promise<TrainingSession> {
  requireAgent(ctx.actor, 'record training sessions');
  const value = parseInput(RecordTrainingSessionInput, input);
  if (value.overrideReason && !hasAgentRole(ctx.actor, MANAGERS)) {
    throw new ForbiddenError('Only managers and admins may record a session beyond the training balance');
  }
  const agentId = value.agentId ?? actorId(ctx.actor);
  if (!agentId) throw new InvalidInputError('Say who gave the training', [{ path: 'agentId', message: 'required when acting as the system' }]);
  const minutes = Math.round(value.hours * 60);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    // The organization's row lock serialises writes to its ledger: two sessions cannot both spend the last hour.
    const organization = await organizationForActor(tx, ctx.actor, value.organizationId, true);
    const trainer = await tx.query('SELECT 1 FROM agents WHERE id = $1', [agentId]);
    if (trainer.rows.length === 0) throw new InvalidInputError('Training is given by an agent', [{ path: 'agentId', message: 'no such agent' }]);
    const lots = await lotsOn(tx, organization.id, value.date);
    const charge = chargeSession(lots, value.date, minutes);
    if (lots.length === 0 || (charge.overdraftMinutes > 0 && !value.overrideReason)) {
      throw beyondBalance(organization.name, value.date, charge.balanceMinutes, minutes, lots.length > 0);
    }
    const overdraft = charge.overdraftMinutes;
    const { rows } = await tx.query<any>(
      `INSERT INTO training_sessions (id, organization_id, session_date, minutes, agent_id, notes, overdraft_minutes, override_reason,
         actor_kind, actor_id, created_at)
       VALUES ($1, $2, $3::date, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING ${SESSION_COLUMNS}`,
      [
        randomUUID(),
        organization.id,
        value.date,
        minutes,
        agentId,
        value.notes ?? null,
        overdraft,
        // Kept only where it was needed: a reason for nothing is not an override.
        overdraft > 0 ? value.overrideReason : null,
        ctx.actor.kind,
        actorId(ctx.actor),
        now,
      ],
    );
    for (const c of charge.charges) {
      const charge = [rows[0].id, c.grantId, c.minutes];
      await tx.query('INSERT INTO training_charges (session_id, grant_id, minutes) VALUES ($1, $2, $3)', charge);
    }
    const session: TrainingSession = {
      id: rows[0].id,
      organizationId: organization.id,
      date: rows[0].session_date,
      hours: hoursOf(minutes),
      agentId,
      notes: rows[0].notes,
      overdraftHours: hoursOf(overdraft),
      overrideReason: rows[0].override_reason,
      charges: charge.charges.map((c) => ({ grantId: c.grantId, hours: hoursOf(c.minutes) })),
      createdAt: rows[0].created_at,
    };
    await recordAudit(tx, {
      at: now,
      actor: ctx.actor,
      type: 'training_session.recorded',
      subjectKind: 'training_session',
      subjectId: session.id,
      organizationId: organization.id,
      data: {
        date: session.date,
        hours: session.hours,
        agentId,
        balanceBeforeHours: hoursOf(charge.balanceMinutes),
        overdraftHours: session.overdraftHours,
        overrideReason: session.overrideReason,
      },
    });
    return session;
  });
}

function beyondBalance(organization: string, date: string, balance: number, needed: number, anyGrant: boolean): LimitExceededError {
  if (!anyGrant) {
    return new LimitExceededError(
      `${organization} has no training hours valid on ${date} (balance 0 hours); this session needs ${hoursText(needed)}. ` +
        'Record the contract, negotiated or plan hours first: an override lets a balance go below zero, it does not stand in for a grant.',
      [{ path: 'hours', message: `balance on ${date}: 0 hours` }],
    );
  }
  return new LimitExceededError(
    `${organization} has ${hoursText(balance)} of training valid on ${date}; this session needs ${hoursText(needed)}. ` +
      'A manager or admin may record it anyway, giving an override reason.',
    [{ path: 'hours', message: `balance on ${date}: ${hoursText(balance)}` }],
  );
}

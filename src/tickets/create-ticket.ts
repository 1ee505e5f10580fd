// Opening a ticket: by a contact for their organization, or by an agent for a contact
// (a phone call). The plan, severity and clocks are fixed here from the active policy.
import { randomUUID } from 'node:crypto';
import { ForbiddenError, InvalidInputError, NotFoundError, parseInput, type Ctx } from '../platform/index.ts';
import { classifySeverity, type PolicyModel } from '../policy/index.ts';
import { activePolicy } from '../policy-versions/index.ts';
import { recomputeClocks } from './recompute-clocks.ts';
import { CreateTicketInput } from './schemas.ts';
import { writeEvent, type TicketRow } from './store.ts';
import { ticketView, type TicketView } from './view.ts';

type Requester = { id: string; organization_id: string; named_contact: boolean; plan_id: string; onboarding_state: string; org_name: string };

function checkIntake(policy: PolicyModel, answers: Record<string, unknown>): void {
  const details: Array<{ path: string; message: string }> = [];
  const questions = new Map((policy.file.intake ?? []).map((q) => [q.id, q]));
  for (const [id, v] of Object.entries(answers)) {
    const q = questions.get(id);
    if (!q) details.push({ path: `intake.${id}`, message: `unknown question (questions: ${[...questions.keys()].join(', ') || 'none'})` });
    else if (q.type === 'boolean' && typeof v !== 'boolean') details.push({ path: `intake.${id}`, message: 'must be true or false' });
    else if (q.type === 'number' && (typeof v !== 'number' || (q.min !== undefined && v < q.min) || (q.max !== undefined && v > q.max))) {
      details.push({ path: `intake.${id}`, message: `must be a number${q.min !== undefined ? ` from ${q.min}` : ''}${q.max !== undefined ? ` to ${q.max}` : ''}` });
    } else if (q.type === 'choice' && !q.choices?.includes(v as string)) details.push({ path: `intake.${id}`, message: `must be one of ${q.choices?.join(', ')}` });
    else if (q.type === 'text' && typeof v !== 'string') details.push({ path: `intake.${id}`, message: 'must be text' });
  }
  if (details.length) throw new InvalidInputError('invalid intake answers', details);
}

export async function createTicket({ ctx, input }: { ctx: Ctx; input: CreateTicketInput }): Promise<TicketView> {
  const data = parseInput(CreateTicketInput, input);
  const actor = ctx.actor;
  let requesterId: string;
  if (actor.kind === 'contact') {
    if (data.requesterId && data.requesterId !== actor.id) throw new ForbiddenError('contacts open tickets for themselves');
    requesterId = actor.id;
  } else {
    if (!data.requesterId) throw new InvalidInputError('an agent opens a ticket for a contact', [{ path: 'requesterId', message: 'is required when an agent opens a ticket' }]);
    requesterId = data.requesterId;
  }
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const { version, model: policy } = await activePolicy(tx);
    const { rows } = await tx.query<Requester>(
      `SELECT c.id, c.organization_id, c.named_contact, o.plan_id, o.onboarding_state, o.name AS org_name
       FROM contacts c JOIN organizations o ON o.id = c.organization_id WHERE c.id = $1`,
      [requesterId],
    );
    const requester = rows[0];
    if (!requester) throw new NotFoundError('requester not found', [{ path: 'requesterId', message: 'no such contact' }]);
    const plan = policy.plans.get(requester.plan_id);
    if (!plan) throw new InvalidInputError(`organization's plan "${requester.plan_id}" is not in the active policy`, [{ path: 'requesterId', message: `the organization's plan "${requester.plan_id}" is not in the active policy` }]);
    if (policy.file.contacts?.only_named_contacts_open_tickets && plan.named_contacts !== null && !requester.named_contact) {
      throw new ForbiddenError(`on the ${plan.name} plan only named support contacts of ${requester.org_name} can open tickets`);
    }
    // Onboarding gating: until technical onboarding is complete the customer gets another plan's support.
    const gate = policy.file.onboarding;
    const effectivePlan = gate && requester.onboarding_state !== 'complete' ? gate.until_complete_plan : plan.id;

    const answers = data.intake ?? {};
    checkIntake(policy, answers);
    const classified = classifySeverity(policy, answers);
    const severity = data.severity ?? classified.severity;
    if (!policy.severities.has(severity)) {
      throw new InvalidInputError('unknown severity', [{ path: 'severity', message: `must be one of ${[...policy.severities.keys()].join(', ')}` }]);
    }
    if (data.requestType && !policy.file.request_types?.some((r) => r.id === data.requestType)) {
      throw new InvalidInputError('unknown request type', [{ path: 'requestType', message: `must be one of ${(policy.file.request_types ?? []).map((r) => r.id).join(', ')}` }]);
    }
    const channel = data.channel ?? (actor.kind === 'contact' ? 'web' : 'phone');
    const id = randomUUID();
    const { rows: inserted } = await tx.query<TicketRow>(
      `INSERT INTO tickets (id, organization_id, requester_id, subject, description, channel, status, severity, plan_id, request_type, intake_answers, policy_version, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, 'open', $7, $8, $9, $10::jsonb, $11, $12, $12) RETURNING *`,
      [id, requester.organization_id, requester.id, data.subject, data.description, channel, severity, effectivePlan, data.requestType ?? null, JSON.stringify(answers), version, now],
    );
    await writeEvent(tx, {
      ticketId: id, at: now, actor, type: 'created', visibility: 'public', body: data.description,
      data: {
        severity, channel, plan: effectivePlan, policy_version: version,
        classified: { severity: classified.severity, rule: classified.rule },
        ...(effectivePlan !== plan.id ? { gated_from_plan: plan.id, reason: 'technical onboarding not complete' } : {}),
      },
    });
    await recomputeClocks(tx, inserted[0], policy, now, true);
    return ticketView(tx, inserted[0], ctx.actor);
  });
}

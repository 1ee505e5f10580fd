// Opening a ticket: by a contact for their organization, or by an agent for a contact (a phone
// call). The policy decides it all here: who may open tickets (named contacts), through which
// channel and when (the plan's channels and their hours), the plan served (onboarding gating)
// and whether support covers it, the severity and why (intake rules), the queue (request type)
// and the clocks. A request the policy refuses is kept for an agent to review, never lost.
import { randomUUID } from 'node:crypto';
import { ForbiddenError, InvalidInputError, NotFoundError, parseInput, type Ctx, type Db } from '../platform/index.ts';
import type { PolicyModel } from '../policy/index.ts';
import { activePolicy } from '../policy-versions/index.ts';
import { afterHoursArrival } from './after-hours.ts';
import { mailTicketReceived } from './customer-mail.ts';
import { holdRequest } from './hold-request.ts';
import { channelRefusal, checkIntakeAnswers, classifyRequest, entitlement, queueOf, type Refusal } from './intake.ts';
import { recomputeClocks } from './recompute-clocks.ts';
import { CreateTicketInput } from './schemas.ts';
import { writeEvent, type TicketRow } from './store.ts';
import { webhookTicket } from './webhook-events.ts';
import { suggestArticles } from '../kb/index.ts';
import { emitWebhookEvent } from '../webhooks/index.ts';
import { clockRowsOf, ticketView, type TicketView } from './view.ts';

type Requester = {
  id: string;
  email: string;
  organization_id: string;
  named_contact: boolean;
  plan_id: string;
  onboarding_state: string;
  existing_customer: boolean;
  unmet_requirements: string[];
  org_name: string;
};

export type CreateTicketOptions = {
  /** An agent accepting a held request: the refusal that held it no longer applies. */
  acceptingHeldRequest?: string;
};

export async function createTicket({ ctx, input, options = {} }: { ctx: Ctx; input: CreateTicketInput; options?: CreateTicketOptions }): Promise<TicketView> {
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
  if (options.acceptingHeldRequest && actor.kind !== 'agent') throw new ForbiddenError('only an agent accepts a held request');
  const now = ctx.clock.now();
  const outcome = await ctx.db.transaction(async (tx) => {
    const { version, model: policy } = await activePolicy(tx);
    const requester = await requesterOf(tx, requesterId);
    const plan = policy.plans.get(requester.plan_id);
    if (!plan) throw new InvalidInputError(`organization's plan "${requester.plan_id}" is not in the active policy`, [{ path: 'requesterId', message: `the organization's plan "${requester.plan_id}" is not in the active policy` }]);
    const answers = data.intake ?? {};
    checkIntakeAnswers(policy, answers);
    if (data.severity !== undefined && !policy.severities.has(data.severity)) {
      throw new InvalidInputError('unknown severity', [{ path: 'severity', message: `must be one of ${[...policy.severities.keys()].join(', ')}` }]);
    }
    if (data.requestType && !policy.file.request_types?.some((r) => r.id === data.requestType)) {
      throw new InvalidInputError('unknown request type', [{ path: 'requestType', message: `must be one of ${(policy.file.request_types ?? []).map((r) => r.id).join(', ') || 'none (this policy has no request types)'}` }]);
    }
    const classification = classifyRequest(policy, answers, { by: actor.kind, severity: data.severity });
    const channel = data.channel ?? (actor.kind === 'contact' ? 'web' : 'phone');
    const refusal = options.acceptingHeldRequest ? null : refusalOf(policy, requester, { channel, severity: classification.severity, at: now.epochMilliseconds });
    if (refusal) return { kind: 'refused' as const, refusal, requester };

    const served = entitlement(policy, requester, data.requestType ?? null);
    const id = randomUUID();
    const { rows: inserted } = await tx.query<TicketRow>(
      `INSERT INTO tickets (id, organization_id, requester_id, subject, description, channel, status, severity, plan_id, request_type,
         intake_answers, policy_version, created_at, updated_at, classification, requested_severity, queue, coverage)
       VALUES ($1, $2, $3, $4, $5, $6, 'open', $7, $8, $9, $10::jsonb, $11, $12, $12, $13::jsonb, $14, $15, $16::jsonb) RETURNING *`,
      [
        id, requester.organization_id, requester.id, data.subject, data.description, channel, classification.severity, served.plan,
        data.requestType ?? null, JSON.stringify(answers), version, now, JSON.stringify(classification),
        actor.kind === 'contact' ? data.severity ?? null : null, queueOf(policy, data.requestType ?? null), served.coverage ? JSON.stringify(served.coverage) : null,
      ],
    );
    await writeEvent(tx, {
      ticketId: id, at: now, actor, type: 'created', visibility: 'public', body: data.description,
      data: {
        severity: classification.severity, channel, plan: served.plan, policy_version: version,
        classified: { severity: classification.severity, source: classification.source, rule: classification.rule, reason: classification.reason },
        ...(served.gatedFrom ? { gated_from_plan: served.gatedFrom, reason: 'technical onboarding not complete' } : {}),
        ...(options.acceptingHeldRequest ? { held_request_id: options.acceptingHeldRequest } : {}),
      },
    });
    if (served.coverage) {
      await writeEvent(tx, { ticketId: id, at: now, actor: { kind: 'system' }, type: 'coverage_marked', visibility: 'public', body: served.coverage.text, data: { coverage: served.coverage } });
    }
    await recomputeClocks(tx, inserted[0], policy, now, true);
    await emitWebhookEvent(tx, { type: 'ticket.created', occurredAt: now, data: { ticket: webhookTicket(inserted[0]) } });
    const { row: ticket, acknowledgement } = await afterHoursArrival(tx, policy, inserted[0], { now });
    // The clocks as they stand now, read once for the receipt and the answer.
    const clockRows = await clockRowsOf(tx, id);
    await mailTicketReceived(tx, policy, ticket, { recipient: requester.email, acknowledgement, now, clockRows });
    const view = await ticketView(tx, ticket, ctx.actor, { policy, clockRows, opened: true });
    // "If the client reaches out to Support for what is deemed as a Tier 1 issue, they will be referred
    // back to our Knowledge Base" (OpenKey): the new ticket comes back with the articles that match it.
    if (refersToKnowledgeBase(policy, classification.severity, data.requestType ?? null)) {
      view.suggestions = await suggestArticles({ ctx: { ...ctx, db: tx }, input: { q: `${data.subject}\n${data.description}`.slice(0, 10_000), limit: 5 } });
    }
    return { kind: 'created' as const, ticket: view };
  });
  if (outcome.kind === 'created') return outcome.ticket;
  // Refused: kept for an agent to review, in a transaction of its own so it outlives the refusal.
  const held = await ctx.db.transaction((tx) =>
    holdRequest(tx, { actor, requesterId, organizationId: outcome.requester.organization_id, channel: data.channel ?? 'web', request: data, refusal: outcome.refusal, now }),
  );
  throw refusedError(outcome.refusal, held.id);
}

async function requesterOf(tx: Db, requesterId: string): Promise<Requester> {
  const { rows } = await tx.query<Requester>(
    `SELECT c.id, c.email, c.organization_id, c.named_contact, o.plan_id, o.onboarding_state, o.existing_customer, o.unmet_requirements, o.name AS org_name
     FROM contacts c JOIN organizations o ON o.id = c.organization_id WHERE c.id = $1`,
    [requesterId],
  );
  if (!rows[0]) throw new NotFoundError('requester not found', [{ path: 'requesterId', message: 'no such contact' }]);
  return rows[0];
}

function refersToKnowledgeBase(policy: PolicyModel, severity: number, requestType: string | null): boolean {
  if (policy.severities.get(severity)?.refer_to_knowledge_base) return true;
  return requestType !== null && policy.file.request_types?.find((r) => r.id === requestType)?.refer_to_knowledge_base === true;
}

function refusalOf(policy: PolicyModel, requester: Requester, request: { channel: string; severity: number; at: number }): Refusal | null {
  const plan = policy.plans.get(requester.plan_id)!;
  // Named Support Contacts are responsible for "reporting cases" (OpenBack): on a plan that has them, only they open tickets.
  if (policy.file.contacts?.only_named_contacts_open_tickets && plan.named_contacts !== null && !requester.named_contact) {
    return {
      code: 'not_named_contact',
      message: `On the ${plan.name} plan only the named support contacts of ${requester.org_name} open tickets; ask one of them to open it`,
    };
  }
  return channelRefusal(policy, { planId: plan.id, channelKind: request.channel, severity: request.severity, at: request.at });
}

function refusedError(refusal: Refusal, heldId: string): ForbiddenError {
  const error = new ForbiddenError(`${refusal.message}. Your request is kept for our support team to review (held request ${heldId}).`, [
    { path: refusal.code === 'not_named_contact' ? 'requesterId' : 'channel', message: refusal.message },
    { path: 'heldRequestId', message: heldId },
  ]);
  // The held request committed; the idempotency layer must not undo it (http/idempotency.ts).
  error.recorded = true;
  return error;
}

// Admin: on-call rotations as forms over the on-call verbs (src/oncall): a rotation created or
// deleted, its settings changed (name, zone, hand-over, start: updateRotation), its members changed (added, taken off, put in another turn order: updateRotation), and
// someone covering it for a while (an override added, or removed: addOverride, removeOverride).
// An agent who leaves is refused while on a rotation or covering one ("take them off it first":
// customers/update-agent.ts); these forms are how. Each refusal shows beside its form (admin-kit.ts).
import type { FastifyInstance } from 'fastify';
import { ADMINS } from '../../http/route-kit.ts';
import { addOverride, createRotation, deleteRotation, removeOverride, updateRotation } from '../../oncall/index.ts';
import { InvalidInputError } from '../../platform/index.ts';
import { optional, page, requireConfirmed, uuidParam, zonedField, type Form, type WebDeps } from '../page-kit.ts';
import { act, ofRow } from './admin-kit.ts';

/** A turn as typed: 1 for the first member, 2 for the next ... (up to the verb's 100 members). */
const TURN = /^[1-9]\d{0,2}$/;

/**
 * The members a rotation's form names, in turn order: each agent's turn as typed in `turn_<agent id>`,
 * empty for an agent not on it. A turn that is no whole number, or one two agents were given, is
 * refused naming their fields (the order would be a guess); none at all is for the verb to refuse.
 */
export function membersInTurn(form: Form): string[] {
  const turns = Object.entries(form).filter(([k, v]) => k.startsWith('turn_') && v.trim() !== '').map(([field, v]) => ({ field, id: field.slice('turn_'.length), text: v.trim() }));
  const bad = turns.filter((t) => !TURN.test(t.text));
  if (bad.length > 0) {
    throw new InvalidInputError('A turn is a whole number: 1 for the first member, 2 for the next', bad.map((t) => ({ path: t.field, message: `is “${t.text}”: give a whole number from 1, or leave it empty` })));
  }
  const shared = turns.filter((t) => turns.some((o) => o !== t && Number(o.text) === Number(t.text)));
  if (shared.length > 0) {
    throw new InvalidInputError('Two members have the same turn: give each a turn of their own', shared.map((t) => ({ path: t.field, message: `is turn ${Number(t.text)}, as another member's is` })));
  }
  return turns.sort((a, b) => Number(a.text) - Number(b.text)).map((t) => t.id);
}

export function registerAdminOncallPages(web: FastifyInstance, deps: WebDeps): void {
  web.post('/admin/oncall', page(ADMINS), act(deps, 'oncall', 'rotation', async (ctx, f) => {
    const members = Object.entries(f).filter(([k, v]) => k.startsWith('member_') && v === 'on').map(([k]) => k.slice('member_'.length));
    await createRotation({
      ctx,
      input: {
        name: f.name ?? '', timeZone: f.time_zone ?? '', handoverTime: f.handover_time ?? '', cadence: f.cadence === 'daily' ? 'daily' : 'weekly',
        ...(f.cadence === 'daily' ? {} : { handoverWeekday: (optional(f, 'weekday') ?? null) as 'mon' | null }), startDate: f.start_date ?? '', members,
      },
    });
  }));
  web.post('/admin/oncall/:id/delete', page(ADMINS, uuidParam), act(deps, 'oncall', ofRow('rotation', 'rotations'), async (ctx, f, request) => {
    requireConfirmed(f, 'delete', 'rotation');
    await deleteRotation({ ctx, input: { rotationId: (request.params as { id: string }).id } });
  }, 'deleted'));

  // Its own settings: name, time zone, hand-over (cadence, day, time) and start date. The verb checks each
  // (a refusal names the field beside this form) and re-plans every shift from the start date (the form says so).
  web.post('/admin/oncall/:id/settings', page(ADMINS, uuidParam), act(deps, 'oncall', ofRow('settings', 'rotations'), async (ctx, f, request) => {
    const daily = f.cadence === 'daily';
    await updateRotation({
      ctx,
      input: {
        rotationId: (request.params as { id: string }).id, name: f.name ?? '', timeZone: f.time_zone ?? '', handoverTime: f.handover_time ?? '',
        cadence: daily ? 'daily' : 'weekly', handoverWeekday: daily ? null : ((optional(f, 'weekday') ?? null) as 'mon' | null), startDate: f.start_date ?? '',
      },
    });
  }));

  // The members in their new turn order: one added, one taken off (their turn emptied), the order
  // changed. The verb re-plans every shift from the rotation's start date (the page says so).
  web.post('/admin/oncall/:id/members', page(ADMINS, uuidParam), act(deps, 'oncall', ofRow('members', 'rotations'), async (ctx, f, request) => {
    await updateRotation({ ctx, input: { rotationId: (request.params as { id: string }).id, members: membersInTurn(f) } });
  }));

  // Someone covers the rotation from one time to another, typed in the rotation's own time zone (its
  // hand-overs are, and the form sends it as `zone`): the verb refuses an end before the start or past.
  web.post('/admin/oncall/:id/overrides', page(ADMINS, uuidParam), act(deps, 'oncall', ofRow('cover', 'rotations'), async (ctx, f, request) => {
    // Who covers is chosen: left empty, the verb would put the admin on call.
    const agentId = optional(f, 'agent');
    if (!agentId) throw new InvalidInputError('Say who covers', [{ path: 'agentId', message: 'is not chosen: choose the agent who covers' }]);
    await addOverride({
      ctx,
      input: {
        rotationId: (request.params as { id: string }).id, agentId,
        startsAt: zonedField(f, 'starts_at', 'zone') ?? '', endsAt: zonedField(f, 'ends_at', 'zone') ?? '',
        ...(optional(f, 'reason') ? { reason: optional(f, 'reason') } : {}),
      },
    });
  }));

  // The rotation takes the time back: one not begun is removed, one under way ends now (removeOverride).
  // Asked first, as a delete is: one click removes nothing.
  web.post('/admin/oncall/overrides/:id/remove', page(ADMINS, uuidParam), act(deps, 'oncall', ofRow('override', 'overrides'), async (ctx, f, request) => {
    requireConfirmed(f, 'remove', 'override');
    await removeOverride({ ctx, input: { overrideId: (request.params as { id: string }).id } });
  }, 'removed'));
}

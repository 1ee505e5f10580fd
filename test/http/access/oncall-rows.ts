// Rows of the access matrix for the on-call routes: managers and admins plan rotations; every
// agent reads them, sees who is on call, and covers shifts themselves; contacts reach none of it.
import type { InjectOptions } from 'fastify';
import { addOverride, createRotation } from '../../../src/oncall/index.ts';
import type { Actor } from '../../../src/platform/index.ts';
import { AGENTS, expect, type ActorName, type Row, type RowsEnv } from './matrix-kit.ts';

export function rows({ h, unique }: RowsEnv): Row[] {
  const system = h.desk.ctx({ kind: 'system' });
  const agentActor = (actor: ActorName): Actor | null =>
    ({ front_line: h.desk.agent, escalation: h.desk.escalation, manager: h.desk.manager, admin: h.desk.admin })[actor as string] ?? null;
  const rotation = async () =>
    (
      await createRotation({
        ctx: system,
        input: { name: unique('Rotation'), timeZone: 'Europe/London', handoverTime: '09:00', cadence: 'weekly', handoverWeekday: 'mon', startDate: '2026-11-30', members: [h.agent.id, h.escalation.id] },
      })
    ).id;
  let shared: string | undefined;
  const sharedRotation = async () => (shared ??= await rotation());
  // The override a caller removes: an agent's own (added by themselves), else one the system added.
  const override = async (actor: ActorName) => {
    const self = agentActor(actor);
    const input = { rotationId: await sharedRotation(), startsAt: '2026-12-10T09:00:00Z', endsAt: '2026-12-11T09:00:00Z' };
    const added = self ? await addOverride({ ctx: h.desk.ctx(self), input }) : await addOverride({ ctx: system, input: { ...input, agentId: h.agent.id } });
    return added.id;
  };
  const get = (url: () => Promise<string>) => async (): Promise<InjectOptions> => ({ method: 'GET', url: await url() });
  return [
    {
      method: 'POST', url: '/api/v1/oncall/rotations',
      request: async () => ({
        method: 'POST', url: '/api/v1/oncall/rotations',
        payload: { name: unique('Rotation'), time_zone: 'Europe/London', handover_time: '09:00', cadence: 'daily', start_date: '2026-12-01', members: [h.agent.id] },
      }),
      expect: expect({ contact: false, roles: ['manager', 'admin'], ok: 201 }),
    },
    { method: 'GET', url: '/api/v1/oncall/rotations', request: get(async () => '/api/v1/oncall/rotations'), expect: expect({ contact: false, roles: AGENTS, ok: 200 }) },
    {
      method: 'PATCH', url: '/api/v1/oncall/rotations/:id',
      request: async () => ({ method: 'PATCH', url: `/api/v1/oncall/rotations/${await rotation()}`, payload: { name: unique('Renamed') } }),
      expect: expect({ contact: false, roles: ['manager', 'admin'], ok: 200 }),
    },
    {
      method: 'DELETE', url: '/api/v1/oncall/rotations/:id',
      request: async () => ({ method: 'DELETE', url: `/api/v1/oncall/rotations/${await rotation()}` }),
      expect: expect({ contact: false, roles: ['manager', 'admin'], ok: 200 }),
    },
    {
      method: 'GET', url: '/api/v1/oncall/rotations/:id/shifts',
      request: get(async () => `/api/v1/oncall/rotations/${await sharedRotation()}/shifts?count=3`),
      expect: expect({ contact: false, roles: AGENTS, ok: 200 }),
    },
    {
      // Without agent_id the caller covers the shift themselves, which every agent may do.
      method: 'POST', url: '/api/v1/oncall/rotations/:id/overrides',
      request: async () => ({
        method: 'POST', url: `/api/v1/oncall/rotations/${await sharedRotation()}/overrides`,
        payload: { starts_at: '2026-12-03T18:00:00Z', ends_at: '2026-12-04T09:00:00Z', reason: 'Swap' },
      }),
      expect: expect({ contact: false, roles: AGENTS, ok: 201 }),
    },
    {
      method: 'DELETE', url: '/api/v1/oncall/overrides/:id',
      request: async (actor) => ({ method: 'DELETE', url: `/api/v1/oncall/overrides/${await override(actor)}` }),
      expect: expect({ contact: false, roles: AGENTS, ok: 200 }),
    },
    { method: 'GET', url: '/api/v1/oncall/now', request: get(async () => '/api/v1/oncall/now'), expect: expect({ contact: false, roles: AGENTS, ok: 200 }) },
  ];
}

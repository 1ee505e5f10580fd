// Rows of the access matrix for the admin forms that change what exists (src/web/pages): an
// organization's name and plan, an on-call rotation's settings and members, and overrides added to a rotation and
// removed. Admins only, as the rest of the admin pages (web-admin-rows.ts): a manager, an agent and
// a contact meet 403, a visitor is sent to /login (303). Each call acts on something of its own,
// made fresh (an organization, a rotation, an override), so every admin call succeeds (303).
import { createOrganization } from '../../../src/customers/index.ts';
import { addOverride, createRotation } from '../../../src/oncall/index.ts';
import type { Row, RowsEnv } from './matrix-kit.ts';
import { admins, pageRequests } from './web-kit.ts';

export function rows({ h, ticketA, unique }: RowsEnv): Row[] {
  const { post } = pageRequests({ h, ticketA, unique });
  const rotation = async () =>
    (await createRotation({ ctx: h.desk.system, input: { name: unique('Rotation'), timeZone: 'UTC', handoverTime: '09:00', cadence: 'daily', startDate: '2026-11-30', members: [h.agent.id] } })).id;
  const list: Array<Omit<Row, 'html'>> = [
    {
      method: 'POST', url: '/admin/organizations/:id',
      request: post(async () => `/admin/organizations/${(await createOrganization({ ctx: h.desk.system, input: { name: unique('Org'), planId: 'enterprise' } })).id}`, () => ({ name: unique('Renamed'), plan: 'pro', confirm: 'on' })),
      expect: admins(303),
    },
    {
      method: 'POST', url: '/admin/oncall/:id/settings',
      request: post(async () => `/admin/oncall/${await rotation()}/settings`, () => ({ name: unique('Renamed'), time_zone: 'Europe/London', handover_time: '18:00', cadence: 'daily', start_date: '2026-12-01' })),
      expect: admins(303),
    },
    { method: 'POST', url: '/admin/oncall/:id/members', request: post(async () => `/admin/oncall/${await rotation()}/members`, () => ({ [`turn_${h.escalation.id}`]: '1', [`turn_${h.agent.id}`]: '2' })), expect: admins(303) },
    {
      // A cover next June (the desk's clock is December 2026): in the future, as an override must end.
      method: 'POST', url: '/admin/oncall/:id/overrides',
      request: post(async () => `/admin/oncall/${await rotation()}/overrides`, () => ({ agent: h.escalation.id, starts_at: '2027-06-10T09:00', ends_at: '2027-06-10T18:00', zone: 'UTC' })),
      expect: admins(303),
    },
    {
      method: 'POST', url: '/admin/oncall/overrides/:id/remove',
      request: post(async () => {
        const cover = await addOverride({ ctx: h.desk.system, input: { rotationId: await rotation(), agentId: h.escalation.id, startsAt: '2027-06-10T09:00:00Z', endsAt: '2027-06-10T18:00:00Z' } });
        return `/admin/oncall/overrides/${cover.id}/remove`;
      }, () => ({ confirm: 'on' })),
      expect: admins(303),
    },
  ];
  return list.map((r) => ({ ...r, html: true }));
}

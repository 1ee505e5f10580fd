// Rows of the access matrix for the training-hours routes: every agent reads any ledger and
// records sessions, managers and admins grant hours, a contact reads its own organization's
// ledger only (another organization's is not found).
import { grantTrainingHours } from '../../../src/training/index.ts';
import { AGENTS, expect, type Row, type RowsEnv } from './matrix-kit.ts';

export function rows({ h }: RowsEnv): Row[] {
  const org = h.contactA.organizationId;
  const T = `/api/v1/organizations/${org}/training`;
  const year = { validFrom: '2026-01-01', validUntil: '2026-12-31' };
  return [
    { method: 'GET', url: '/api/v1/organizations/:id/training', request: async () => ({ method: 'GET', url: T }), expect: expect({ contact: 'own', roles: AGENTS, ok: 200 }) },
    {
      method: 'POST', url: '/api/v1/organizations/:id/training/grants',
      request: async () => ({ method: 'POST', url: `${T}/grants`, payload: { source: 'contract', hours: 2, reason: 'Contract training', valid_from: year.validFrom, valid_until: year.validUntil } }),
      expect: expect({ contact: false, roles: ['manager', 'admin'], ok: 201 }),
    },
    {
      // An hour granted before each call, so every permitted caller finds a balance to debit.
      method: 'POST', url: '/api/v1/organizations/:id/training/sessions',
      request: async () => {
        await grantTrainingHours({ ctx: h.desk.ctx({ kind: 'system' }), input: { organizationId: org, source: 'negotiated', hours: 1, reason: 'For the matrix', ...year } });
        return { method: 'POST', url: `${T}/sessions`, payload: { date: '2026-12-01', hours: 1, notes: 'Onboarding' } };
      },
      expect: expect({ contact: false, roles: AGENTS, ok: 201 }),
    },
  ];
}

// Rows of the access matrix for the Prometheus endpoint: managers and admins only (an operator
// gives Prometheus such an agent's API token); contacts and other agents are refused.
import { expect, type Row } from './matrix-kit.ts';

export function rows(): Row[] {
  return [{ method: 'GET', url: '/metrics', request: async () => ({ method: 'GET', url: '/metrics' }), expect: expect({ contact: false, roles: ['manager', 'admin'], ok: 200 }) }];
}

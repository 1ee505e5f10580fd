// The demo's logins: their e-mail addresses and passwords (printed at a first start and written
// to data/demo-credentials.json, so no secret).

/** The agent roles the demo has one login for, in the order they are printed. */
export const DEMO_ROLES = ['admin', 'manager', 'escalation', 'front_line'] as const;

export type DemoRole = (typeof DEMO_ROLES)[number];

/** Each demo agent's name: a person's, as on a real desk (the sign-in list says which role each has). */
export const DEMO_AGENT_NAMES: Record<DemoRole, string> = { admin: 'Alex Morgan', manager: 'Sam Rivera', escalation: 'Priya Shah', front_line: 'Jordan Lee' };

export function demoAgentLogin(role: DemoRole, vendorId: string): { email: string; password: string } {
  const name = role.replace('_', '-');
  return { email: `${name}@${vendorId}.example`, password: `demo-${name}` };
}

export function demoContactLogin(company: string, i: number): { email: string; password: string } {
  const slug = company.toLowerCase().replace(/[^a-z]+/g, '-');
  return { email: `contact${i}@${slug}.example`, password: `demo-${slug}-${i}` };
}

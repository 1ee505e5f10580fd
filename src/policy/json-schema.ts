// The published JSON Schema of the policy file, generated from the zod schema so the
// two cannot drift (a test compares it with schema/policy.schema.json).
import { z } from 'zod';
import { Policy } from './schema.ts';

export function policyJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(Policy, { target: 'draft-2020-12', io: 'input' }) as Record<string, unknown>;
  return {
    $id: 'https://accord.dev/schema/policy.schema.json',
    title: 'Accord support policy',
    description: 'A vendor support policy as code: calendars, plans, severities, targets, after-hours rules.',
    ...schema,
  };
}

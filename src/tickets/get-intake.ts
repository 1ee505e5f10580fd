// What a customer is asked when opening a ticket: the active policy's intake questions and its
// request types. The answers classify the ticket (severity) and route it (queue).
import type { Ctx } from '../platform/index.ts';
import { activePolicy } from '../policy-versions/index.ts';

export type Intake = {
  questions: Array<{ id: string; label: string; type: string; choices?: string[]; min?: number; max?: number; help?: string }>;
  requestTypes: Array<{ id: string; name: string; description?: string; address?: string }>;
  severities: Array<{ id: number; name: string; definition: string | null }>;
};

export async function getIntake({ ctx }: { ctx: Ctx }): Promise<Intake> {
  const { model: policy } = await activePolicy(ctx.db);
  const definition = (d: string | string[] | undefined) => (d === undefined ? null : Array.isArray(d) ? d.join(' ') : d.replace(/\s+/g, ' ').trim());
  return {
    questions: (policy.file.intake ?? []).map((q) => ({
      id: q.id, label: q.label, type: q.type,
      ...(q.choices ? { choices: q.choices } : {}), ...(q.min !== undefined ? { min: q.min } : {}), ...(q.max !== undefined ? { max: q.max } : {}), ...(q.help ? { help: q.help } : {}),
    })),
    requestTypes: (policy.file.request_types ?? []).map((r) => ({ id: r.id, name: r.name, ...(r.description ? { description: r.description } : {}), ...(r.address ? { address: r.address } : {}) })),
    severities: [...policy.severities.values()].sort((a, b) => a.id - b.id).map((s) => ({ id: s.id, name: s.name, definition: definition(s.definition) })),
  };
}

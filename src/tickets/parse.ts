// Parsing verb input with zod into the closed error set.
import type { z } from 'zod';
import { InvalidInputError, detailsFromIssues } from '../platform/index.ts';

export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const r = schema.safeParse(input);
  if (!r.success) throw new InvalidInputError('invalid input', detailsFromIssues(r.error.issues));
  return r.data;
}

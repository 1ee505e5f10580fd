// Input parsing shared by every verb: a zod schema in, a typed value or InvalidInputError out.
import type { z } from 'zod';
import { InvalidInputError, detailsFromIssues } from './errors.ts';

export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new InvalidInputError('The input is not valid', detailsFromIssues(parsed.error.issues));
  return parsed.data;
}

// Input parsing shared by every verb: a zod schema in, a typed value or InvalidInputError out;
// and the civil-date schema the verbs share.
import { z } from 'zod';
import { InvalidInputError, detailsFromIssues } from './errors.ts';
// Refusals in words, not zod's defaults (set once, for every schema of the process).
import './zod-words.ts';

export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new InvalidInputError('The input is not valid', detailsFromIssues(parsed.error.issues));
  return parsed.data;
}

/** A civil date 'YYYY-MM-DD' (a rotation's start, a grant's validity, a training session's day). */
export const LocalDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
  .refine((text) => {
    try {
      const date = Temporal.PlainDate.from(text, { overflow: 'reject' });
      return date.year >= 2000 && date.year < 2200;
    } catch {
      return false;
    }
  }, 'must be a real date between 2000 and 2199');

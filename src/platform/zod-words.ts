// The words a refused field is given when its schema says nothing of its own: zod's defaults are a
// programmer's ("Invalid option: expected one of "open"|"solved"", "Too small: expected array to
// have >=1 items", "Invalid UUID"), and they reach people on the pages, in the API's error
// details and in policy problems. Set once for the process (zod's global error map); a message a
// schema gives itself ("a tag is letters, digits...") still wins. The field is named beside the
// message by its path, so each says only what is wrong with it.
import { z } from 'zod';

type Issue = z.core.$ZodRawIssue;

const FORMATS: Record<string, string> = {
  uuid: 'is not a valid id', guid: 'is not a valid id', email: 'is not an email address', url: 'is not a web address (like https://example.com/page)',
  datetime: 'is not a date and time (like 2026-12-02T10:00:00Z)', date: 'is not a date (YYYY-MM-DD)', time: 'is not a time (HH:MM)', regex: 'is not in the form expected',
};
const TYPES: Record<string, string> = {
  string: 'must be text', number: 'must be a number', int: 'must be a whole number', boolean: 'must be true or false', array: 'must be a list', object: 'must be an object',
};

const count = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

/** The words for one issue, or undefined for zod's own (a case not worth its own words). */
export function issueWords(issue: Issue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? 'is required' : TYPES[String(issue.expected)];
    case 'invalid_format':
      return FORMATS[String(issue.format)];
    case 'invalid_value': {
      const values = (issue.values as readonly unknown[]).map(String);
      return values.length === 1 ? `must be ${values[0]}` : `must be one of: ${values.join(', ')}`;
    }
    case 'too_small': {
      const n = Number(issue.minimum);
      if (issue.origin === 'string') return n === 1 ? 'must not be empty' : `must be at least ${count(n, 'character')}`;
      if (issue.origin === 'array' || issue.origin === 'set') return n === 1 ? 'must have at least one item' : `must have at least ${count(n, 'item')}`;
      if (issue.origin === 'number' || issue.origin === 'int' || issue.origin === 'bigint') return issue.inclusive === false ? `must be more than ${n}` : `must be at least ${n}`;
      return undefined;
    }
    case 'too_big': {
      const n = Number(issue.maximum);
      if (issue.origin === 'string') return `must be at most ${count(n, 'character')}`;
      if (issue.origin === 'array' || issue.origin === 'set') return `must have at most ${count(n, 'item')}`;
      if (issue.origin === 'number' || issue.origin === 'int' || issue.origin === 'bigint') return issue.inclusive === false ? `must be less than ${n}` : `must be at most ${n}`;
      return undefined;
    }
    case 'unrecognized_keys': {
      const keys = issue.keys as readonly string[];
      return `${keys.join(', ')} ${keys.length === 1 ? 'is not a field' : 'are not fields'} this takes`;
    }
    default:
      return undefined;
  }
}

z.config({ customError: issueWords });

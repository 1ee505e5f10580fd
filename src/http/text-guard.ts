// Refuses NUL characters anywhere in a request body: PostgreSQL cannot store U+0000 in text
// or jsonb, so letting one through turns a client's mistake into a 500 deep in a verb. A page
// whose form gives back what was typed (config `textKept`, web/kept-form.ts) takes it to its
// handler instead, which says so beside the form.
import type { FastifyInstance } from 'fastify';
import { InvalidInputError } from '../platform/errors.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** A page's form that gives back what was typed: NUL and a field too long to read reach its handler (web/kept-form.ts). */
    textKept?: boolean;
  }
}

/** The dotted path of the first string (or key) holding a NUL, or null. */
export function findNul(value: unknown, path = ''): string | null {
  const here = path || 'body';
  if (typeof value === 'string') return value.includes('\u0000') ? here : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findNul(value[i], path ? `${path}.${i}` : String(i));
      if (found) return found;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      const child = path ? `${path}.${key}` : key;
      if (key.includes('\u0000')) return child.replaceAll('\u0000', '\\u0000');
      const found = findNul(v, child);
      if (found) return found;
    }
  }
  return null;
}

export function registerTextGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    if (request.routeOptions.config.textKept) return;
    const path = findNul(request.body);
    if (path) throw new InvalidInputError('Text must not contain NUL (U+0000) characters', [{ path, message: 'contains a NUL (U+0000) character' }]);
  });
}

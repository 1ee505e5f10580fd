// Request bodies: read as bytes, refused unless they are valid UTF-8 (never silently "repaired"
// with U+FFFD), and JSON refused before parsing when it nests too deep or holds too many
// values, so a small body cannot cost a deep recursion or a huge error report later.
// Oversized bodies are refused by Fastify's bodyLimit (413); other media types get 415.
import { isUtf8 } from 'node:buffer';
import type { FastifyInstance } from 'fastify';
import { InvalidInputError } from '../platform/errors.ts';

/** Bodies are small JSON documents or one policy file; anything bigger is a mistake or an attack. */
export const BODY_LIMIT_BYTES = 1024 * 1024;
// The deepest legitimate body (a simulation's pauses) nests 3 levels; a policy as JSON is a string.
export const MAX_JSON_DEPTH = 32;
// Object members plus array items, counted over the whole body.
export const MAX_JSON_VALUES = 10_000;

export const YAML_TYPES = ['application/yaml', 'application/x-yaml', 'text/yaml', 'text/plain'] as const;

/**
 * Walks the JSON text once (without parsing) and names the first limit it breaks, or null.
 * @example
 * jsonShapeProblem('[[[1]]]', { depth: 2, values: 10 }) // 'nests deeper than 2 levels'
 */
export function jsonShapeProblem(text: string, limits = { depth: MAX_JSON_DEPTH, values: MAX_JSON_VALUES }): string | null {
  let depth = 0;
  let values = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
      continue;
    }
    if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > limits.depth) return `nests deeper than ${limits.depth} levels`;
      values++; // the first member or item (an empty container over-counts by one: harmless)
    } else if (c === 0x7d || c === 0x5d) depth--;
    else if (c === 0x2c) values++;
    if (values > limits.values) return `holds more than ${limits.values} values`;
  }
  return null;
}

function utf8Text(body: Buffer): string {
  if (!isUtf8(body)) throw new InvalidInputError('The body is not valid UTF-8', [{ path: 'body', message: 'is not valid UTF-8' }]);
  return body.toString('utf8');
}

function charsetProblem(contentType: string | undefined): boolean {
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(contentType ?? '')?.[1];
  return charset !== undefined && !/^utf-?8$/i.test(charset);
}

class UnsupportedTypeError extends Error {
  readonly statusCode = 415;
  readonly code = 'FST_ERR_CTP_INVALID_MEDIA_TYPE';
  constructor(type: string) {
    super(`This route does not read ${type}: send application/json`);
  }
}

class UnsupportedCharsetError extends Error {
  readonly statusCode = 415;
  readonly code = 'FST_ERR_CTP_INVALID_MEDIA_TYPE';
  constructor() {
    super('Send the body as UTF-8 (charset=utf-8)');
  }
}

export function registerBodyParsing(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    try {
      if (charsetProblem(request.headers['content-type'])) throw new UnsupportedCharsetError();
      const text = utf8Text(body as Buffer);
      const problem = jsonShapeProblem(text);
      if (problem) throw new InvalidInputError(`The JSON body ${problem}`, [{ path: 'body', message: problem }]);
      parseJson(request, text, done);
    } catch (error) {
      done(error as Error, undefined);
    }
  });

  app.removeContentTypeParser('text/plain');
  // The policy file may be sent as YAML text; which routes accept it is up to their schemas.
  app.addContentTypeParser([...YAML_TYPES], { parseAs: 'buffer' }, (request, body, done) => {
    try {
      // Only a route that says it reads this text (its body's `content` names the type) gets it;
      // any other answers 415, as for a media type nobody reads, not "body must be object".
      const content = (request.routeOptions.schema?.body as { content?: Record<string, unknown> } | undefined)?.content;
      const type = (request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
      if (!content || !(type in content)) throw new UnsupportedTypeError(type);
      if (charsetProblem(request.headers['content-type'])) throw new UnsupportedCharsetError();
      done(null, utf8Text(body as Buffer));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
}

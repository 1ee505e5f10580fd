// Request validation with one Ajv per part of the request. Bodies are validated strictly:
// `"severity": true` or `"subject": ["X"]` is refused, never coerced. Query strings, path
// parameters and headers arrive as text, so their declared types are coerced from text.
import { Ajv } from 'ajv';
import type { Options } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { FastifyInstance, FastifySchema } from 'fastify';

// ajv-formats is CommonJS; under native ESM its default export arrives wrapped.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as unknown as (ajv: Ajv) => Ajv;

function buildAjv(coerce: Options['coerceTypes']): Ajv {
  // Unknown fields are refused (additionalProperties: false in the schemas), never silently dropped.
  const ajv = new Ajv({ coerceTypes: coerce, removeAdditional: false, useDefaults: true, allErrors: true, strict: false });
  addFormats(ajv);
  return ajv;
}

export function registerValidation(app: FastifyInstance): void {
  const strict = buildAjv(false);
  const fromText = buildAjv('array');
  app.setValidatorCompiler(({ schema, httpPart }: { schema: FastifySchema; httpPart?: string }) => {
    const ajv = httpPart === 'body' ? strict : fromText;
    return ajv.compile(schema as object) as ReturnType<Parameters<FastifyInstance['setValidatorCompiler']>[0]>;
  });
}

// A database row as the domain names it: the rule most of the row mappings follow, written once.
import { snakeToCamel } from './wire.ts';

/** A snake_case name as the domain writes it, as a type: 'created_at' as 'createdAt'. */
export type Camel<S extends string> = S extends `${infer H}_${infer T}` ? `${H}${Capitalize<Camel<T>>}` : S;

/**
 * The row's `columns`, each under its camelCase name ('created_at' as createdAt) with its value as
 * the driver gives it, in the order of `columns` (the order the API's JSON shows them in: toWire).
 * The caller casts to its domain type, after checking with `satisfies Record<keyof T, unknown>`
 * that the columns give every field.
 */
export function camelRow<const C extends string>(row: unknown, columns: readonly C[]): { [K in C as Camel<K>]: unknown } {
  const r = row as Record<string, unknown>;
  return Object.fromEntries(columns.map((c) => [snakeToCamel(c), r[c]])) as { [K in C as Camel<K>]: unknown };
}

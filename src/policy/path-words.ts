// A policy field's path, as a refusal names it, read two ways: in words an admin can look for
// ("calendar support, yearly holidays, item 3") and as the line of the source that holds it. Both
// read the path against the schema, so they agree on what each part names: an item of a list whose
// items have ids (plans, severities, calendars...) by its id, as a reduction names it ("severities.2"
// is severity 2, never the third severity); a pause by its status; an item of any other list by
// its 0-based position ("holidays.yearly.2" is the third); and a position in brackets, as the file
// check spells a path ("plans[0].calendar"), always by position.
import { z } from 'zod';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { Policy } from './schema.ts';

/** One part of a path: a field (or a map's key), a list item by the value of its key field, or by its position. */
type Step = { field: string; mapKey: boolean } | { by: string; value: string } | { position: number };

/** The field that names a list's items where it is not `id`. */
const ITEM_KEYS: Record<string, string> = { pauses: 'status' };

/** A list's item or a map's key in words, by the list's field (or the field with the one above it): "plan pro". */
const ITEM_WORDS: Record<string, string> = {
  plans: 'plan', severities: 'severity', calendars: 'calendar', channels: 'channel', after_hours: 'after-hours rule', features: 'feature',
  intake: 'question', queues: 'queue', request_types: 'request type', notification_lists: 'notification list', monitoring: 'monitoring',
  components: 'component', pauses: 'pause', 'escalation.levels': 'escalation level', 'coverage.not_covered': 'issue not covered',
  'coverage.requirements': 'coverage requirement', 'prose.sections': 'section',
};

/** A field read together with the one above it: "yearly holidays", not "holidays, yearly". */
const FIELD_WORDS: Record<string, string> = {
  'holidays.yearly': 'yearly holidays', 'holidays.dates': 'holiday dates', 'holidays.regions': 'holiday regions', 'holidays.except': 'holiday exceptions',
};

type Schema = z.core.$ZodType;
/** What the path needs of a zod schema's definition (zod's own type is a union per kind). */
type Def = { type: string; innerType?: Schema; options?: Schema[]; shape?: Record<string, Schema>; element?: Schema; valueType?: Schema };
const defOf = (schema: Schema) => schema._zod.def as unknown as Def;

/** The schemas a value may be: optional, default and nullable taken off, a union's options each. */
function variants(schema: Schema): Def[] {
  const def = defOf(schema);
  if (def.innerType) return variants(def.innerType);
  if (def.type === 'union' && def.options) return def.options.flatMap(variants);
  return [def];
}

/** The path's parts ("plans[0].calendar" is plans, position 0, calendar), each read by the schema of the value it is in. */
function pathSteps(path: string): Step[] {
  const parts = path.split(/\.|(?=\[)/).filter((p) => p !== '');
  const steps: Step[] = [];
  let kinds: Def[] = variants(Policy);
  let field = '';
  for (const [i, part] of parts.entries()) {
    const bracket = /^\[(\d+)\]$/.exec(part);
    const list = kinds.find((d) => d.element)?.element;
    const fields = kinds.find((d) => d.shape)?.shape;
    const map = kinds.find((d) => d.valueType)?.valueType;
    if (list && (bracket || !fields || !(part in fields))) {
      const by = ITEM_KEYS[field] ?? 'id';
      if (!bracket && variants(list).some((d) => d.shape && by in d.shape)) steps.push({ by, value: part });
      else if (bracket || /^\d+$/.test(part)) steps.push({ position: Number(bracket ? bracket[1] : part) });
      // A part the schema has no place for: said as it is, and not looked for any further.
      else return [...steps, ...parts.slice(i).map((f) => ({ field: f, mapKey: false }))];
      kinds = variants(list);
      continue;
    }
    const ofFields = fields !== undefined && part in fields;
    const value = ofFields ? fields[part] : map;
    steps.push({ field: part, mapKey: !ofFields && map !== undefined });
    kinds = value ? variants(value) : [];
    field = part;
  }
  return steps;
}

const plain = (field: string) => field.replaceAll('_', ' ');

/** A path as words an admin can look for: "severities.2.targets.first_response" is "severity 2, targets, first response". */
export function pathWords(path: string): string {
  const steps = pathSteps(path);
  const words: string[] = [];
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i];
    if (!('field' in step)) {
      // An item of a list whose field has no word for it ("definition, item 1").
      words.push('position' in step ? `item ${step.position + 1}` : step.value);
      continue;
    }
    const above = steps[i - 1];
    const qualified = above && 'field' in above ? `${above.field}.${step.field}` : '';
    const next = steps[i + 1];
    const named = next && ('by' in next || ('field' in next && next.mapKey));
    const itemWord = named ? (ITEM_WORDS[qualified] ?? ITEM_WORDS[step.field]) : undefined;
    const phrase = FIELD_WORDS[qualified];
    // The field above is said in the phrase ("yearly holidays", "escalation level tier2").
    if (phrase || (itemWord && ITEM_WORDS[qualified])) words.pop();
    if (itemWord && next) {
      words.push(`${itemWord} ${'by' in next ? next.value : (next as { field: string }).field}`);
      i++;
    } else words.push(phrase ?? plain(step.field));
  }
  return words.join(', ');
}

/**
 * The line of `source` that holds a path, or the deepest part of it the source has (null when not
 * even its first key is there): an item gone from a list with ids is found at the list, not at
 * whichever item now has its position.
 */
export function lineOfPath(source: string, path: string): number | null {
  const lines = new LineCounter();
  const doc = parseDocument(source, { lineCounter: lines, prettyErrors: false });
  let node: Node | null = doc.contents as Node | null;
  let found: Node | null = null;
  for (const step of pathSteps(path)) {
    let next: Node | null = null;
    if (isMap(node) && 'field' in step) {
      const pair = node.items.find((p) => String(isScalar(p.key) ? p.key.value : p.key) === step.field);
      next = pair ? ((pair.value as Node | null) ?? (pair.key as Node)) : null;
    } else if (isSeq(node)) {
      const items = node.items as Node[];
      if ('position' in step) next = items[step.position] ?? null;
      else if ('by' in step) next = items.find((it) => isMap(it) && String(it.get(step.by)) === step.value) ?? null;
    }
    if (!next) break;
    node = found = next;
  }
  if (!found?.range) return null;
  return lines.linePos(found.range[0]).line;
}

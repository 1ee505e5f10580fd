// Loading a policy file: YAML syntax, then the schema, then cross-references, every
// problem reported as "file:line:column: field.path: message" and never as a stack trace.
import { isMap, isSeq, isScalar, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { z } from 'zod';
import { Policy, type PolicyFile } from './schema.ts';
// A policy problem in words, as every refusal (zod's defaults replaced once for the process).
import '../platform/zod-words.ts';
import { validatePolicy, type PathIssue } from './validate.ts';
import { buildPolicy, type PolicyModel } from './model.ts';

// A policy file needs few anchors (none of the examples uses any); yaml's default is 100.
const MAX_ALIAS_EXPANSION = 100;

export type PolicyProblem = { file: string; line: number; column: number; path: string; message: string };

export type LoadResult =
  | { ok: true; policy: PolicyModel; file: PolicyFile; source: string }
  | { ok: false; problems: PolicyProblem[] };

export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out === '' ? String(p) : `.${String(p)}`;
  return out || '(file)';
}

export function formatProblem(p: PolicyProblem): string {
  return `${p.file}:${p.line}:${p.column}: ${p.path}: ${p.message}`;
}

/** Parses and validates policy source text; `file` names it in problems. */
export function loadPolicySource(source: string, file = 'policy.yaml'): LoadResult {
  const lines = new LineCounter();
  const doc = parseDocument(source, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: doc.errors.map((e) => {
        const pos = lines.linePos(e.pos[0]);
        return { file, line: pos.line, column: pos.col, path: '(yaml)', message: e.message.split('\n')[0] };
      }),
    };
  }
  // Aliases are expanded when the document becomes data: a few lines of "billion laughs" would
  // expand to millions of nodes, so their expansion is bounded and a bomb is a problem, not a crash.
  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: MAX_ALIAS_EXPANSION });
  } catch (error) {
    return { ok: false, problems: [{ file, line: 1, column: 1, path: '(yaml)', message: `the file's aliases expand too far (${(error as Error).message})` }] };
  }
  // An empty editor (or a file of comments only) is said so, not as "expected object, received null".
  if (raw === null || raw === undefined) {
    return { ok: false, problems: [{ file, line: 1, column: 1, path: '(file)', message: 'the policy is empty: write or paste its YAML' }] };
  }
  const parsed = Policy.safeParse(raw, { reportInput: true });
  if (!parsed.success) {
    const problems = parsed.error.issues.flatMap((i) => zodIssueProblems(i, doc, lines, file));
    return { ok: false, problems: [...problems, ...crossReferenceProblems(raw, parsed.error.issues, doc, lines, file)] };
  }
  const issues = validatePolicy(parsed.data);
  if (issues.length > 0) return { ok: false, problems: issues.map((i) => locate(i, doc, lines, file)) };
  return { ok: true, policy: buildPolicy(parsed.data, source), file: parsed.data, source };
}

/**
 * The cross-reference problems of a file the schema refused, so that one check names every problem
 * (an editor fixing two things should not find a third only then). The checks read the file as it
 * is; one that cannot run on a broken part says nothing, and a problem inside (or around) a part
 * the schema already named is left to that one.
 */
function crossReferenceProblems(raw: unknown, schemaIssues: readonly z.core.$ZodIssue[], doc: Document, lines: LineCounter, file: string): PolicyProblem[] {
  let issues: PathIssue[];
  try {
    issues = validatePolicy(raw as PolicyFile);
  } catch {
    return [];
  }
  const broken = schemaIssues.map((i) => formatPath(i.path as PropertyKey[]));
  const within = (inner: string, outer: string) => inner === outer || inner.startsWith(`${outer}.`) || inner.startsWith(`${outer}[`) || outer === '(file)';
  return issues.filter((i) => !broken.some((b) => within(formatPath(i.path), b) || within(b, formatPath(i.path)))).map((i) => locate(i, doc, lines, file));
}

function zodIssueProblems(issue: z.core.$ZodIssue, doc: Document, lines: LineCounter, file: string): PolicyProblem[] {
  const path = issue.path as PropertyKey[];
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => locate({ path: [...path, key], message: `unknown key "${key}"`, at: 'key' }, doc, lines, file));
  }
  if (issue.code === 'invalid_type' && issue.input === undefined) {
    return [locate({ path, message: 'is required' }, doc, lines, file)];
  }
  return [locate({ path, message: issue.message }, doc, lines, file)];
}

/** Finds the deepest YAML node on the issue's path and turns its offset into line:column. */
function locate(issue: PathIssue, doc: Document, lines: LineCounter, file: string): PolicyProblem {
  let node: Node | null = doc.contents as Node | null;
  let keyNode: Node | null = null;
  for (const seg of issue.path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => (isScalar(p.key) ? p.key.value : p.key) === seg);
      if (!pair) break;
      keyNode = pair.key as Node;
      node = pair.value as Node | null;
      if (!node) {
        node = keyNode;
        break;
      }
    } else if (isSeq(node) && typeof seg === 'number' && node.items[seg]) {
      keyNode = null;
      node = node.items[seg] as Node;
    } else break;
  }
  const target = issue.at === 'key' && keyNode ? keyNode : node;
  const offset = (target?.range?.[0] ?? 0) + (issue.column ?? 0) + (issue.column !== undefined && isQuoted(target) ? 1 : 0);
  const pos = lines.linePos(offset);
  return { file, line: pos.line, column: pos.col, path: formatPath(issue.path), message: issue.message };
}

function isQuoted(node: Node | null): boolean {
  return isScalar(node) && (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE');
}

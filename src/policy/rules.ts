// Classification rules: a small, safe expression language over intake answers, e.g.
//   affected_agents_percent >= 30
//   production_down and not workaround_available
//   category in ["billing", "invoice"]
//   affected_agents > 1 and affected_agents * 100 >= total_agents * 30
// Parsed at load (errors carry the column); evaluated without eval(): the parser builds a
// tree of the operators below and nothing else, so a rule can only read intake answers.
//
//   rule       := and ("or" and)*
//   and        := unary ("and" unary)*
//   unary      := "not" unary | "(" rule ")" | comparison
//   comparison := sum (cmp (literal | sum))? | field "in" "[" literal ("," literal)* "]"
//   sum        := term (("+" | "-") term)*
//   term       := factor (("*" | "/") factor)*
//   factor     := number | field | "-" factor | "(" sum ")"

export type Cmp = '>=' | '<=' | '>' | '<' | '==' | '!=';
/** A number: a literal, a number question's answer, or arithmetic over them. */
export type NumExpr =
  | { kind: 'num'; value: number }
  | { kind: 'field'; field: string }
  | { kind: 'neg'; expr: NumExpr }
  | { kind: 'arith'; op: '+' | '-' | '*' | '/'; left: NumExpr; right: NumExpr };

export type Expr =
  | { op: 'and' | 'or'; left: Expr; right: Expr }
  | { op: 'not'; expr: Expr }
  | { op: 'truthy'; field: string }
  | { op: 'cmp'; field: string; cmp: Cmp; value: number | string | boolean }
  | { op: 'in'; field: string; values: Array<number | string | boolean> }
  /** A numeric comparison with arithmetic or a field on both sides. */
  | { op: 'calc'; left: NumExpr; cmp: Cmp; right: NumExpr };

type Token = { t: 'id' | 'num' | 'str' | 'op' | 'arith' | 'punct'; v: string; at: number };

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  const re = /\s*(?:(>=|<=|==|!=|>|<)|([+\-*/])|([A-Za-z_][A-Za-z0-9_]*)|(\d+(?:\.\d+)?)|"([^"]*)"|'([^']*)'|([()[\],]))/y;
  let i = 0;
  while (i < src.length) {
    if (/^\s*$/.test(src.slice(i))) break;
    re.lastIndex = i;
    const m = re.exec(src);
    if (!m) throw new RuleError(`unexpected character "${src.slice(i).trim()[0]}"`, i);
    const at = m.index + m[0].length - m[0].trimStart().length;
    if (m[1]) out.push({ t: 'op', v: m[1], at });
    else if (m[2]) out.push({ t: 'arith', v: m[2], at });
    else if (m[3]) out.push({ t: 'id', v: m[3], at });
    else if (m[4]) out.push({ t: 'num', v: m[4], at });
    else if (m[5] !== undefined || m[6] !== undefined) out.push({ t: 'str', v: m[5] ?? m[6], at });
    else out.push({ t: 'punct', v: m[7], at });
    i = re.lastIndex;
  }
  return out;
}

export class RuleError extends Error {
  readonly column: number;
  constructor(message: string, column: number) {
    super(message);
    this.column = column;
  }
}

const KEYWORDS = new Set(['and', 'or', 'not', 'in', 'true', 'false']);

export function parseRule(src: string): Expr {
  const toks = tokenize(src);
  let p = 0;
  const peek = (): Token | undefined => toks[p];
  const fail = (msg: string): never => {
    throw new RuleError(msg, peek()?.at ?? src.length);
  };
  const isWord = (tok: Token | undefined, word: string) => tok?.t === 'id' && tok.v === word;
  const literal = (): number | string | boolean => {
    const tok = toks[p++] ?? fail('expected a value');
    if (tok.t === 'num') return Number(tok.v);
    if (tok.t === 'str') return tok.v;
    if (tok.t === 'id' && (tok.v === 'true' || tok.v === 'false')) return tok.v === 'true';
    if (tok.t === 'arith' && tok.v === '-' && toks[p]?.t === 'num') return -Number(toks[p++].v);
    p--;
    return fail(`expected a number, a quoted text or true/false, found "${tok.v}"`);
  };

  const factor = (): NumExpr => {
    const tok = peek() ?? fail('expected a number or an intake field');
    if (tok.t === 'num') {
      p++;
      return { kind: 'num', value: Number(tok.v) };
    }
    if (tok.t === 'arith' && tok.v === '-') {
      p++;
      return { kind: 'neg', expr: factor() };
    }
    if (tok.t === 'punct' && tok.v === '(') {
      p++;
      const e = sum();
      if (peek()?.v !== ')') fail('expected ")"');
      p++;
      return e;
    }
    if (tok.t === 'id' && !KEYWORDS.has(tok.v)) {
      p++;
      return { kind: 'field', field: tok.v };
    }
    return fail(`expected a number or an intake field, found "${tok.v}"`);
  };
  const term = (): NumExpr => {
    let e = factor();
    while (peek()?.t === 'arith' && (peek()!.v === '*' || peek()!.v === '/')) {
      const op = toks[p++].v as '*' | '/';
      e = { kind: 'arith', op, left: e, right: factor() };
    }
    return e;
  };
  const sum = (): NumExpr => {
    let e = term();
    while (peek()?.t === 'arith' && (peek()!.v === '+' || peek()!.v === '-')) {
      const op = toks[p++].v as '+' | '-';
      e = { kind: 'arith', op, left: e, right: term() };
    }
    return e;
  };

  const comparison = (): Expr => {
    const start = peek();
    if (start?.t === 'id' && !KEYWORDS.has(start.v) && isWord(toks[p + 1], 'in')) {
      p += 2;
      if (peek()?.v !== '[') fail('expected "[" after "in"');
      p++;
      const values = [literal()];
      while (peek()?.v === ',') {
        p++;
        values.push(literal());
      }
      if (peek()?.v !== ']') fail('expected "]"');
      p++;
      return { op: 'in', field: start.v, values };
    }
    if (start?.t === 'id' && KEYWORDS.has(start.v)) fail(`expected an intake field, found "${start.v}"`);
    const left = sum();
    const next = peek();
    if (next?.t !== 'op') {
      if (left.kind === 'field') return { op: 'truthy', field: left.field };
      return fail('expected a comparison (>=, <=, ==, !=, >, <)');
    }
    p++;
    const cmp = next.v as Cmp;
    const r = peek() ?? fail('expected a value');
    // A field compared with a text or true/false keeps the plain form (== and != only make sense there).
    if (left.kind === 'field' && (r.t === 'str' || isWord(r, 'true') || isWord(r, 'false'))) {
      return { op: 'cmp', field: left.field, cmp, value: literal() };
    }
    const right = sum();
    if (left.kind === 'field' && right.kind === 'num') return { op: 'cmp', field: left.field, cmp, value: right.value };
    if (left.kind === 'field' && right.kind === 'neg' && right.expr.kind === 'num') return { op: 'cmp', field: left.field, cmp, value: -right.expr.value };
    return { op: 'calc', left, cmp, right };
  };

  const unary = (): Expr => {
    const tok = peek() ?? fail('expected a condition');
    if (isWord(tok, 'not')) {
      p++;
      return { op: 'not', expr: unary() };
    }
    if (tok.t === 'punct' && tok.v === '(') {
      // "(" opens either a condition or arithmetic ("(a + b) > 2"): try the condition first.
      const save = p;
      try {
        p++;
        const e = orExpr();
        if (peek()?.v !== ')') fail('expected ")"');
        p++;
        const after = peek();
        if (after?.t !== 'op' && after?.t !== 'arith') return e;
      } catch (err) {
        if (!(err instanceof RuleError)) throw err;
      }
      p = save;
    }
    return comparison();
  };
  const andExpr = (): Expr => {
    let e = unary();
    while (isWord(peek(), 'and')) {
      p++;
      e = { op: 'and', left: e, right: unary() };
    }
    return e;
  };
  const orExpr = (): Expr => {
    let e = andExpr();
    while (isWord(peek(), 'or')) {
      p++;
      e = { op: 'or', left: e, right: andExpr() };
    }
    return e;
  };
  const e = orExpr();
  if (p < toks.length) fail(`unexpected "${toks[p].v}"`);
  return e;
}

function numFields(e: NumExpr): string[] {
  switch (e.kind) {
    case 'num':
      return [];
    case 'field':
      return [e.field];
    case 'neg':
      return numFields(e.expr);
    case 'arith':
      return [...numFields(e.left), ...numFields(e.right)];
  }
}

/** The intake fields an expression reads, with the kind of value it compares them to. */
export function fieldsOf(e: Expr): Array<{ field: string; uses: 'boolean' | 'number' | 'string' }> {
  switch (e.op) {
    case 'and':
    case 'or':
      return [...fieldsOf(e.left), ...fieldsOf(e.right)];
    case 'not':
      return fieldsOf(e.expr);
    case 'truthy':
      return [{ field: e.field, uses: 'boolean' }];
    case 'cmp':
      return [{ field: e.field, uses: typeof e.value as 'number' }];
    case 'in':
      return [{ field: e.field, uses: typeof e.values[0] as 'number' }];
    case 'calc':
      return [...numFields(e.left), ...numFields(e.right)].map((field) => ({ field, uses: 'number' as const }));
  }
}

export type Answers = Record<string, unknown>;

/** A number expression's value; NaN when an answer is missing or not a number (or on division by zero). */
function evaluateNumber(e: NumExpr, answers: Answers): number {
  switch (e.kind) {
    case 'num':
      return e.value;
    case 'field': {
      const a = answers[e.field];
      return typeof a === 'number' ? a : NaN;
    }
    case 'neg':
      return -evaluateNumber(e.expr, answers);
    case 'arith': {
      const l = evaluateNumber(e.left, answers);
      const r = evaluateNumber(e.right, answers);
      if (e.op === '/' && r === 0) return NaN;
      return e.op === '+' ? l + r : e.op === '-' ? l - r : e.op === '*' ? l * r : l / r;
    }
  }
}

function compare(a: number | string | boolean, cmp: Cmp, b: number | string | boolean): boolean {
  switch (cmp) {
    case '==':
      return a === b;
    case '!=':
      return a !== b;
    case '>=':
      return a >= b;
    case '<=':
      return a <= b;
    case '>':
      return a > b;
    case '<':
      return a < b;
  }
}

/** Evaluates an expression; a missing answer makes its comparison false. */
export function evaluateRule(e: Expr, answers: Answers): boolean {
  switch (e.op) {
    case 'and':
      return evaluateRule(e.left, answers) && evaluateRule(e.right, answers);
    case 'or':
      return evaluateRule(e.left, answers) || evaluateRule(e.right, answers);
    case 'not':
      return !evaluateRule(e.expr, answers);
    case 'truthy':
      return answers[e.field] === true;
    case 'in':
      return e.values.includes(answers[e.field] as string);
    case 'cmp': {
      const a = answers[e.field];
      if (a === undefined || a === null) return false;
      return compare(a as number, e.cmp, e.value);
    }
    case 'calc': {
      const l = evaluateNumber(e.left, answers);
      const r = evaluateNumber(e.right, answers);
      if (!Number.isFinite(l) || !Number.isFinite(r)) return false;
      return compare(l, e.cmp, r);
    }
  }
}

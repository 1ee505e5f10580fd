// Classification rules: a small, safe expression language over intake answers, e.g.
//   affected_agents_percent >= 30
//   production_down and not workaround_available
//   category in ["billing", "invoice"]
// Parsed at load (errors carry the column); evaluated without eval().

export type Expr =
  | { op: 'and' | 'or'; left: Expr; right: Expr }
  | { op: 'not'; expr: Expr }
  | { op: 'truthy'; field: string }
  | { op: 'cmp'; field: string; cmp: '>=' | '<=' | '>' | '<' | '==' | '!='; value: number | string | boolean }
  | { op: 'in'; field: string; values: Array<number | string | boolean> };

type Token = { t: 'id' | 'num' | 'str' | 'op' | 'punct'; v: string; at: number };

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  const re = /\s*(?:(>=|<=|==|!=|>|<)|([A-Za-z_][A-Za-z0-9_]*)|(-?\d+(?:\.\d+)?)|"([^"]*)"|'([^']*)'|([()[\],]))/y;
  let i = 0;
  while (i < src.length) {
    if (/^\s*$/.test(src.slice(i))) break;
    re.lastIndex = i;
    const m = re.exec(src);
    if (!m) throw new RuleError(`unexpected character "${src.slice(i).trim()[0]}"`, i);
    const at = m.index + m[0].length - m[0].trimStart().length;
    if (m[1]) out.push({ t: 'op', v: m[1], at });
    else if (m[2]) out.push({ t: 'id', v: m[2], at });
    else if (m[3]) out.push({ t: 'num', v: m[3], at });
    else if (m[4] !== undefined || m[5] !== undefined) out.push({ t: 'str', v: m[4] ?? m[5], at });
    else out.push({ t: 'punct', v: m[6], at });
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

export function parseRule(src: string): Expr {
  const toks = tokenize(src);
  let p = 0;
  const peek = () => toks[p];
  const fail = (msg: string): never => {
    throw new RuleError(msg, peek()?.at ?? src.length);
  };
  const literal = (): number | string | boolean => {
    const tok = toks[p++] ?? fail('expected a value');
    if (tok.t === 'num') return Number(tok.v);
    if (tok.t === 'str') return tok.v;
    if (tok.t === 'id' && (tok.v === 'true' || tok.v === 'false')) return tok.v === 'true';
    return fail(`expected a number, a quoted text or true/false, found "${tok.v}"`);
  };
  const primary = (): Expr => {
    const tok = peek() ?? fail('expected a condition');
    if (tok.t === 'punct' && tok.v === '(') {
      p++;
      const e = orExpr();
      if (peek()?.v !== ')') fail('expected ")"');
      p++;
      return e;
    }
    if (tok.t === 'id' && tok.v === 'not') {
      p++;
      return { op: 'not', expr: primary() };
    }
    if (tok.t !== 'id') return fail(`expected an intake field, found "${tok.v}"`);
    p++;
    const next = peek();
    if (next?.t === 'op') {
      p++;
      return { op: 'cmp', field: tok.v, cmp: next.v as '>=', value: literal() };
    }
    if (next?.t === 'id' && next.v === 'in') {
      p++;
      if (peek()?.v !== '[') fail('expected "[" after "in"');
      p++;
      const values = [literal()];
      while (peek()?.v === ',') {
        p++;
        values.push(literal());
      }
      if (peek()?.v !== ']') fail('expected "]"');
      p++;
      return { op: 'in', field: tok.v, values };
    }
    return { op: 'truthy', field: tok.v };
  };
  const andExpr = (): Expr => {
    let e = primary();
    while (peek()?.t === 'id' && peek().v === 'and') {
      p++;
      e = { op: 'and', left: e, right: primary() };
    }
    return e;
  };
  const orExpr = (): Expr => {
    let e = andExpr();
    while (peek()?.t === 'id' && peek().v === 'or') {
      p++;
      e = { op: 'or', left: e, right: andExpr() };
    }
    return e;
  };
  const e = orExpr();
  if (p < toks.length) fail(`unexpected "${toks[p].v}"`);
  return e;
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
  }
}

export type Answers = Record<string, unknown>;

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
      switch (e.cmp) {
        case '==':
          return a === e.value;
        case '!=':
          return a !== e.value;
        case '>=':
          return (a as number) >= (e.value as number);
        case '<=':
          return (a as number) <= (e.value as number);
        case '>':
          return (a as number) > (e.value as number);
        case '<':
          return (a as number) < (e.value as number);
      }
    }
  }
}

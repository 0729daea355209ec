/**
 * The subset of Jira expressions that Forge trigger filters use (`filter.expression`), evaluated over
 * the event: literals, `event.a.b`, `?.`, `[i]`, `==` `!=` `<` `<=` `>` `>=`, `&&` `||` `!`, parentheses,
 * `.length` and `.includes(x)`. Anything beyond that is a parse error, so a filter never silently passes.
 */

type Token = { kind: 'num' | 'str' | 'id' | 'op'; value: string; at: number };

export class ExpressionError extends Error {}

const OPERATORS = ['?.', '==', '!=', '<=', '>=', '&&', '||', '.', '<', '>', '!', '(', ')', '[', ']', ','];

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (/\s/.test(c)) { i++; continue; }
    if (/[0-9]/.test(c)) {
      const m = /^\d+(\.\d+)?/.exec(src.slice(i))!;
      out.push({ kind: 'num', value: m[0], at: i }); i += m[0].length; continue;
    }
    if (c === '"' || c === "'") {
      let j = i + 1; let s = '';
      while (j < src.length && src[j] !== c) { if (src[j] === '\\') j++; s += src[j] ?? ''; j++; }
      if (j >= src.length) throw new ExpressionError(`unterminated string at ${i}`);
      out.push({ kind: 'str', value: s, at: i }); i = j + 1; continue;
    }
    if (/[A-Za-z_$]/.test(c)) {
      const m = /^[A-Za-z_$][\w$]*/.exec(src.slice(i))!;
      out.push({ kind: 'id', value: m[0], at: i }); i += m[0].length; continue;
    }
    const op = OPERATORS.find((o) => src.startsWith(o, i));
    if (!op) throw new ExpressionError(`unexpected '${c}' at ${i}`);
    out.push({ kind: 'op', value: op, at: i }); i += op.length;
  }
  return out;
}

type Node =
  | { t: 'lit'; v: unknown }
  | { t: 'var'; name: string }
  | { t: 'member'; obj: Node; prop: Node; optional: boolean }
  | { t: 'call'; obj: Node; method: string; args: Node[]; optional: boolean }
  | { t: 'not'; x: Node }
  | { t: 'bin'; op: string; l: Node; r: Node };

const PRECEDENCE: Record<string, number> = { '||': 1, '&&': 2, '==': 3, '!=': 3, '<': 4, '<=': 4, '>': 4, '>=': 4 };

/** Parses an expression; throws ExpressionError naming the position of the first problem. */
export function parseExpression(src: string): Node {
  const tokens = tokenize(src);
  let pos = 0;
  const peek = (): Token | undefined => tokens[pos];
  const expect = (value: string): void => {
    const t = tokens[pos++];
    if (!t || t.value !== value) throw new ExpressionError(`expected '${value}' at ${t?.at ?? src.length}`);
  };
  const primary = (): Node => {
    const t = tokens[pos++];
    if (!t) throw new ExpressionError('unexpected end of expression');
    if (t.kind === 'num') return { t: 'lit', v: Number(t.value) };
    if (t.kind === 'str') return { t: 'lit', v: t.value };
    if (t.kind === 'id') {
      if (t.value === 'true' || t.value === 'false') return { t: 'lit', v: t.value === 'true' };
      if (t.value === 'null') return { t: 'lit', v: null };
      return { t: 'var', name: t.value };
    }
    if (t.value === '(') { const e = binary(0); expect(')'); return e; }
    if (t.value === '!') return { t: 'not', x: postfix(primary()) };
    throw new ExpressionError(`unexpected '${t.value}' at ${t.at}`);
  };
  const postfix = (node: Node): Node => {
    for (;;) {
      const t = peek();
      if (!t || t.kind !== 'op' || !['.', '?.', '['].includes(t.value)) return node;
      pos++;
      const optional = t.value === '?.';
      if (t.value === '[' || (optional && peek()?.value === '[')) {
        if (optional) pos++;
        const index = binary(0);
        expect(']');
        node = { t: 'member', obj: node, prop: index, optional };
        continue;
      }
      const name = tokens[pos++];
      if (!name || name.kind !== 'id') throw new ExpressionError(`expected a property name at ${name?.at ?? src.length}`);
      if (peek()?.value === '(') {
        pos++;
        const args: Node[] = [];
        while (peek()?.value !== ')') { args.push(binary(0)); if (peek()?.value === ',') pos++; else break; }
        expect(')');
        node = { t: 'call', obj: node, method: name.value, args, optional };
      } else node = { t: 'member', obj: node, prop: { t: 'lit', v: name.value }, optional };
    }
  };
  const binary = (min: number): Node => {
    let left = postfix(primary());
    for (;;) {
      const t = peek();
      const p = t && t.kind === 'op' ? PRECEDENCE[t.value] : undefined;
      if (p === undefined || p < min) return left;
      pos++;
      left = { t: 'bin', op: t!.value, l: left, r: binary(p + 1) };
    }
  };
  const tree = binary(0);
  if (pos < tokens.length) throw new ExpressionError(`unexpected '${tokens[pos]!.value}' at ${tokens[pos]!.at}`);
  return tree;
}

function evaluate(node: Node, scope: Record<string, unknown>): unknown {
  switch (node.t) {
    case 'lit': return node.v;
    case 'var':
      if (!(node.name in scope)) throw new ExpressionError(`unknown variable '${node.name}'`);
      return scope[node.name];
    case 'not': return !truth(evaluate(node.x, scope));
    case 'member': {
      const obj = evaluate(node.obj, scope);
      if (obj === null || obj === undefined) {
        if (node.optional) return null;
        throw new ExpressionError('cannot read a property of null');
      }
      const prop = evaluate(node.prop, scope);
      if (prop === 'length' && (typeof obj === 'string' || Array.isArray(obj))) return obj.length;
      const value = (obj as Record<string, unknown>)[String(prop)];
      return value === undefined ? null : value;
    }
    case 'call': {
      const obj = evaluate(node.obj, scope);
      if (obj === null || obj === undefined) {
        if (node.optional) return null;
        throw new ExpressionError(`cannot call ${node.method} on null`);
      }
      const args = node.args.map((a) => evaluate(a, scope));
      if (node.method === 'includes' && (typeof obj === 'string' || Array.isArray(obj))) return (obj as unknown[]).includes(args[0] as never);
      throw new ExpressionError(`unsupported method ${node.method}`);
    }
    case 'bin': {
      if (node.op === '&&') return truth(evaluate(node.l, scope)) && truth(evaluate(node.r, scope));
      if (node.op === '||') return truth(evaluate(node.l, scope)) || truth(evaluate(node.r, scope));
      const l = evaluate(node.l, scope);
      const r = evaluate(node.r, scope);
      if (node.op === '==') return l === r;
      if (node.op === '!=') return l !== r;
      if (typeof l !== typeof r || (typeof l !== 'number' && typeof l !== 'string')) throw new ExpressionError(`cannot compare ${typeof l} with ${typeof r}`);
      const a = l as number | string; const b = r as number | string;
      return node.op === '<' ? a < b : node.op === '<=' ? a <= b : node.op === '>' ? a > b : a >= b;
    }
  }
}

function truth(value: unknown): boolean {
  if (typeof value !== 'boolean') throw new ExpressionError(`expected a boolean, got ${value === null ? 'null' : typeof value}`);
  return value;
}

/** Evaluates a filter over `event`; its result must be a boolean. */
export function matchesFilter(expression: Node, event: unknown): boolean {
  return truth(evaluate(expression, { event }));
}

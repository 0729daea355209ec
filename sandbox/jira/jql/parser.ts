/** Recursive-descent JQL parser with Jira precedence: NOT binds tighter than AND, AND tighter than OR. */
import type {
  JqlFieldRef,
  JqlFunctionOperand,
  JqlListItem,
  JqlListOperand,
  JqlNode,
  JqlOperand,
  JqlOperator,
  JqlOrderBy,
  JqlQuery,
} from './ast';
import { syntaxError, type JqlError } from './errors';
import { tokenize, type Token } from './lexer';

const VALID_OPERATORS =
  "The valid operators are '=', '!=', '<', '>', '<=', '>=', '~', '!~', 'IN', 'NOT IN', 'IS' and 'IS NOT'.";
// Words that must be quoted to be used as values; Jira rejects them unquoted rather than guessing.
const RESERVED_VALUES = new Set(['and', 'or', 'not', 'in', 'is', 'order', 'by', 'asc', 'desc']);
const RESERVED_FIELDS = new Set([...RESERVED_VALUES, 'empty', 'null']);
const SYMBOL_KEYWORDS: Readonly<Record<string, string>> = { '&': 'and', '&&': 'and', '|': 'or', '||': 'or', '!': 'not' };
const OPERATOR_TOKENS: Readonly<Record<string, JqlOperator>> = {
  '=': '=', '!=': '!=', '~': '~', '!~': '!~', '>': '>', '>=': '>=', '<': '<', '<=': '<=',
};

/** Parses JQL text into a query tree; blank text yields `{ where: null, orderBy: [] }`. Throws JqlError. */
export function parseJql(jql: string): JqlQuery {
  return new Parser(tokenize(jql)).parseQuery();
}

class Parser {
  private index = 0;

  constructor(private readonly tokens: readonly Token[]) {}

  parseQuery(): JqlQuery {
    const startsWithOrder = this.isWord(this.peek(), 'order');
    const where = this.peek().kind === 'eof' || startsWithOrder ? null : this.parseOr();
    const orderBy = this.isWord(this.peek(), 'order') ? this.parseOrderBy() : [];
    if (this.peek().kind !== 'eof') throw this.expecting("Expecting either 'OR' or 'AND'", this.peek());
    return { where, orderBy };
  }

  private parseOr(): JqlNode {
    const children = [this.parseAnd()];
    while (this.keyword(this.peek()) === 'or') {
      this.advance();
      children.push(this.parseAnd());
    }
    return children.length === 1 && children[0] ? children[0] : { kind: 'or', children };
  }

  private parseAnd(): JqlNode {
    const children = [this.parseNot()];
    while (this.keyword(this.peek()) === 'and') {
      this.advance();
      children.push(this.parseNot());
    }
    return children.length === 1 && children[0] ? children[0] : { kind: 'and', children };
  }

  private parseNot(): JqlNode {
    if (this.keyword(this.peek()) !== 'not') return this.parsePrimary();
    this.advance();
    return { kind: 'not', child: this.parseNot() };
  }

  private parsePrimary(): JqlNode {
    if (!this.isPunct(this.peek(), '(')) return this.parseClause();
    this.advance();
    const node = this.parseOr();
    this.expectPunct(')', "Expecting ')'");
    return node;
  }

  private parseClause(): JqlNode {
    const field = this.parseFieldName();
    const operator = this.parseOperator();
    const operand = operator === 'is' || operator === 'is not' ? this.parseIsOperand(operator) : this.parseOperand();
    return { kind: 'clause', field, operator, operand };
  }

  private parseFieldName(): JqlFieldRef {
    const token = this.advance();
    if (token.kind === 'string') return { name: token.value, quoted: true, position: token.position };
    if (token.kind === 'word' && !RESERVED_FIELDS.has(token.value.toLowerCase())) {
      return { name: token.value, quoted: false, position: token.position };
    }
    throw this.expecting('Expecting a field name', token);
  }

  private parseOperator(): JqlOperator {
    const token = this.advance();
    const symbolic = token.kind === 'operator' ? OPERATOR_TOKENS[token.value] : undefined;
    if (symbolic) return symbolic;
    if (this.isWord(token, 'in')) return 'in';
    if (this.isWord(token, 'is')) {
      if (!this.isWord(this.peek(), 'not')) return 'is';
      this.advance();
      return 'is not';
    }
    if (this.isWord(token, 'not')) {
      const next = this.advance();
      if (this.isWord(next, 'in')) return 'not in';
      throw this.expecting("Expecting 'IN'", next);
    }
    throw this.expecting('Expecting operator', token, ` ${VALID_OPERATORS}`);
  }

  private parseIsOperand(operator: 'is' | 'is not'): JqlOperand {
    const token = this.advance();
    if (this.isWord(token, 'empty') || this.isWord(token, 'null')) {
      return { kind: 'empty', raw: token.text, position: token.position };
    }
    const expected = operator === 'is' ? "Expecting either 'NOT', 'EMPTY' or 'NULL'" : "Expecting either 'EMPTY' or 'NULL'";
    throw this.expecting(expected, token);
  }

  private parseOperand(): JqlOperand {
    return this.isPunct(this.peek(), '(') ? this.parseList() : this.parseSingle('Expecting either a value, list or function');
  }

  private parseList(): JqlListOperand {
    const open = this.advance();
    const items: JqlListItem[] = [];
    for (;;) {
      items.push(this.parseSingle('Expecting either a value or function'));
      const token = this.advance();
      if (this.isPunct(token, ')')) return { kind: 'list', items, position: open.position };
      if (!this.isPunct(token, ',')) throw this.expecting("Expecting either ',' or ')'", token);
    }
  }

  private parseSingle(expecting: string): JqlListItem {
    const token = this.advance();
    if (token.kind === 'string') {
      return { kind: 'value', value: token.value, quoted: true, raw: token.text, position: token.position };
    }
    if (token.kind !== 'word') throw this.expecting(expecting, token);
    const word = token.value.toLowerCase();
    if (word === 'empty' || word === 'null') return { kind: 'empty', raw: token.text, position: token.position };
    if (RESERVED_VALUES.has(word)) {
      throw syntaxError(
        `'${token.text}' is a reserved JQL word. You must surround it in quotation characters to use it in a query.`,
        token.position,
      );
    }
    if (this.isPunct(this.peek(), '(')) return this.parseFunction(token);
    return { kind: 'value', value: token.value, quoted: false, raw: token.text, position: token.position };
  }

  private parseFunction(name: Token): JqlFunctionOperand {
    this.advance();
    const args: string[] = [];
    const raws: string[] = [];
    if (this.isPunct(this.peek(), ')')) {
      this.advance();
    } else {
      for (;;) {
        const arg = this.advance();
        if (arg.kind !== 'word' && arg.kind !== 'string') throw this.expecting('Expecting a function argument', arg);
        args.push(arg.value);
        raws.push(arg.text);
        const token = this.advance();
        if (this.isPunct(token, ')')) break;
        if (!this.isPunct(token, ',')) throw this.expecting("Expecting either ',' or ')'", token);
      }
    }
    return { kind: 'function', name: name.value, args, raw: `${name.value}(${raws.join(', ')})`, position: name.position };
  }

  private parseOrderBy(): JqlOrderBy[] {
    this.advance();
    const by = this.advance();
    if (!this.isWord(by, 'by')) throw this.expecting("Expecting 'BY'", by);
    const orderBy: JqlOrderBy[] = [];
    for (;;) {
      const field = this.parseFieldName().name;
      const descending = this.isWord(this.peek(), 'desc');
      const hasDirection = descending || this.isWord(this.peek(), 'asc');
      if (hasDirection) this.advance();
      orderBy.push({ field, direction: descending ? 'DESC' : 'ASC' });
      const next = this.peek();
      if (next.kind === 'eof') return orderBy;
      if (!this.isPunct(next, ',')) {
        const expected = hasDirection
          ? "Expecting either ',' or the end of the query"
          : "Expecting either 'ASC', 'DESC', ',' or the end of the query";
        throw this.expecting(expected, next);
      }
      this.advance();
    }
  }

  private expectPunct(value: string, expecting: string): void {
    const token = this.advance();
    if (!this.isPunct(token, value)) throw this.expecting(expecting, token);
  }

  private expecting(expected: string, token: Token, suffix = ''): JqlError {
    if (token.kind === 'eof') return syntaxError(`${expected} but got the end of the query.${suffix}`);
    return syntaxError(`${expected} but got '${token.text}'.${suffix}`, token.position);
  }

  /** The lower-cased keyword a token could stand for (`&&` is `and`); only meaningful where a keyword may appear. */
  private keyword(token: Token): string | undefined {
    if (token.kind === 'word') return token.value.toLowerCase();
    if (token.kind === 'punct') return SYMBOL_KEYWORDS[token.value];
    return undefined;
  }

  private isWord(token: Token, keyword: string): boolean {
    return token.kind === 'word' && token.value.toLowerCase() === keyword;
  }

  private isPunct(token: Token, value: string): boolean {
    return token.kind === 'punct' && token.value === value;
  }

  private peek(): Token {
    // The lexer always ends with eof, so the last token is a safe fallback.
    return this.tokens[this.index] ?? this.eof();
  }

  private advance(): Token {
    const token = this.peek();
    if (token.kind !== 'eof') this.index += 1;
    return token;
  }

  private eof(): Token {
    const last = this.tokens[this.tokens.length - 1];
    return last ?? { kind: 'eof', text: '', value: '', position: { line: 1, character: 1 } };
  }
}

import type { ErrorObject } from 'ajv';

/** One schema violation: where in the checked value, and what is wrong there. */
export interface ValidationIssue {
  /** JSON Pointer into the checked value (`''` is the value itself), e.g. `/issues/0/fields`. */
  readonly path: string;
  /** What is wrong, precise enough to fix the producer (property names, expected types, schema location). */
  readonly message: string;
}

/** Names the schema an error came from (e.g. `#/components/schemas/IssueBean`), or `undefined` if unknown. */
export type SchemaNamer = (schema: object) => string | undefined;

/** A JSON object as parsed from a document. */
export type JsonObject = { [key: string]: unknown };

/** True for plain JSON objects (not arrays, not null). */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Appends one property name or index to a JSON Pointer, escaping `~` and `/` per RFC 6901. */
export function joinPointer(base: string, segment: string | number): string {
  return `${base}/${String(segment).replace(/~/g, '~0').replace(/\//g, '~1')}`;
}

/** Splits a JSON Pointer into unescaped segments (`''` gives `[]`). */
export function splitPointer(pointer: string): string[] {
  return pointer === '' ? [] : pointer.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** Short human description of a value for messages, e.g. `string "abc"`, `number 42`, `array(3)`. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return `array(${value.length})`;
  if (typeof value === 'object') return 'object';
  if (typeof value === 'string') {
    const shown = value.length > 60 ? `${value.slice(0, 57)}...` : value;
    return `string ${JSON.stringify(shown)}`;
  }
  return `${typeof value} ${String(value)}`;
}

/** True when `inner` is `outer` or lies below it. */
export function isAtOrBelow(inner: string, outer: string): boolean {
  return inner === outer || inner.startsWith(`${outer}/`);
}

/** True for the summary errors of combinators, which only repeat what their branch errors say. */
export function isCombinatorSummary(error: ErrorObject): boolean {
  return error.keyword === 'anyOf' || error.keyword === 'oneOf';
}

/**
 * Turns ajv errors (compiled with `allErrors` and `verbose`) into deduplicated issues. anyOf/oneOf summaries
 * are dropped when a more specific issue exists at or below their path.
 */
export function issuesFromAjv(errors: readonly ErrorObject[], nameSchema: SchemaNamer): ValidationIssue[] {
  const typeErrorPaths = new Set(errors.filter((e) => e.keyword === 'type').map((e) => e.instancePath));
  const specific = errors
    // A format check on a value of the wrong type only repeats the type error.
    .filter((e) => !isCombinatorSummary(e) && !(e.keyword === 'format' && typeErrorPaths.has(e.instancePath)))
    .map((e) => formatAjvError(e, nameSchema));
  const summaries = errors
    .filter((e) => isCombinatorSummary(e) && !specific.some((i) => isAtOrBelow(i.path, e.instancePath)))
    .map((e) => formatAjvError(e, nameSchema));
  return dedupeIssues([...specific, ...summaries]);
}

/** Removes repeated path+message pairs, keeping first-seen order. */
export function dedupeIssues(issues: readonly ValidationIssue[]): ValidationIssue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const key = `${i.path}\u0000${i.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Formats one ajv error; unexpected and missing properties point at the property itself. */
export function formatAjvError(error: ErrorObject, nameSchema: SchemaNamer): ValidationIssue {
  // ajv types params as Record<string, any>; read them as unknown so each use is checked.
  const params: Readonly<Record<string, unknown>> = error.params;
  const schemaName = error.parentSchema ? nameSchema(error.parentSchema) : undefined;
  const where = schemaName ? ` (schema ${schemaName})` : '';
  const got = describeValue(error.data);
  switch (error.keyword) {
    case 'additionalProperties': {
      const name = String(params['additionalProperty']);
      return {
        path: joinPointer(error.instancePath, name),
        message: `unexpected property ${JSON.stringify(name)}: not declared and additionalProperties is false${where}`,
      };
    }
    case 'required': {
      const name = String(params['missingProperty']);
      return { path: joinPointer(error.instancePath, name), message: `missing required property ${JSON.stringify(name)}${where}` };
    }
    case 'type': {
      const expected = String(params['type']).split(',').join(' or ');
      return { path: error.instancePath, message: `expected ${expected} but got ${got}${where}` };
    }
    case 'enum': {
      const allowed = Array.isArray(params['allowedValues']) ? params['allowedValues'] : [];
      const list = allowed.map((v) => JSON.stringify(v)).join(', ');
      return { path: error.instancePath, message: `expected one of ${list} but got ${got}${where}` };
    }
    case 'const':
      return { path: error.instancePath, message: `expected ${JSON.stringify(params['allowedValue'])} but got ${got}${where}` };
    case 'format':
      return { path: error.instancePath, message: `expected a "${String(params['format'])}" value but got ${got}${where}` };
    case 'minLength':
    case 'maxLength': {
      const bound = error.keyword === 'minLength' ? 'at least' : 'at most';
      return { path: error.instancePath, message: `expected a string of ${bound} ${String(params['limit'])} character(s) but got ${got}${where}` };
    }
    case 'minItems':
    case 'maxItems': {
      const bound = error.keyword === 'minItems' ? 'at least' : 'at most';
      return { path: error.instancePath, message: `expected an array of ${bound} ${String(params['limit'])} item(s) but got ${got}${where}` };
    }
    default:
      return { path: error.instancePath, message: `${error.message ?? error.keyword} (got ${got})${where}` };
  }
}

/** Records the JSON pointer of every object below `root` (first one wins for shared objects), for error messages. */
export function registerSchemaNames(names: WeakMap<object, string>, root: unknown, pointer: string): void {
  if (Array.isArray(root)) {
    root.forEach((item: unknown, i) => registerSchemaNames(names, item, joinPointer(pointer, i)));
    return;
  }
  if (!isJsonObject(root) || names.has(root)) return;
  names.set(root, pointer);
  for (const [key, value] of Object.entries(root)) registerSchemaNames(names, value, joinPointer(pointer, key));
}

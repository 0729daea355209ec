import { readFileSync } from 'node:fs';
import Ajv04, { type ErrorObject, type ValidateFunction } from 'ajv-draft-04';
import {
  dedupeIssues,
  describeValue,
  formatAjvError,
  isAtOrBelow,
  isCombinatorSummary,
  isJsonObject,
  issuesFromAjv,
  joinPointer,
  registerSchemaNames,
  splitPointer,
  type JsonObject,
  type ValidationIssue,
} from './issues';
import { referencePath } from './spec';

export type { ValidationIssue } from './issues';

/** An ADF mark, e.g. `{ type: 'link', attrs: { href } }`. */
export interface AdfMark {
  type: string;
  attrs?: Record<string, unknown>;
}

/** An ADF node; which attributes and children are allowed depends on `type` (see {@link validateAdf}). */
export interface AdfNode {
  type: string;
  attrs?: Record<string, unknown>;
  content?: AdfNode[];
  marks?: AdfMark[];
  text?: string;
}

/** The root of an Atlassian Document Format document. */
export interface AdfDocument {
  type: 'doc';
  version: 1;
  content: AdfNode[];
}

type Container = 'content' | 'marks';

interface CompiledAdfSchema {
  readonly validate: ValidateFunction;
  readonly rootDefinition: string;
  readonly definitions: Readonly<JsonObject>;
  /** JSON pointer (`#/definitions/text_node/...`) of every schema object, for messages and branch pruning. */
  readonly names: WeakMap<object, string>;
  readonly nodeTypes: ReadonlySet<string>;
  readonly markTypes: ReadonlySet<string>;
  readonly discriminators: Map<string, ReadonlySet<string> | undefined>;
  readonly children: Map<string, ReadonlySet<string>>;
}

let compiled: CompiledAdfSchema | undefined;

/**
 * Shape check only: an object with `type: 'doc'`, `version: 1` and a `content` array. Use {@link validateAdf}
 * to check the document against the ADF schema.
 */
export function isAdfDocument(value: unknown): value is AdfDocument {
  return isJsonObject(value) && value['type'] === 'doc' && value['version'] === 1 && Array.isArray(value['content']);
}

/**
 * Validates a value against Atlassian's ADF JSON Schema (draft-04, compiled once on first use). Empty when
 * valid. ajv reports every failed `anyOf` branch; issues are pruned to the branches that fit each node's `type`
 * and place, so an empty text node yields one issue at `/content/0/content/0/text`, an unknown node type is named
 * as such, and a known node in the wrong place lists what is allowed there. Most specific issues come first.
 */
export function validateAdf(doc: unknown): ValidationIssue[] {
  const schema = compileAdfSchema();
  if (schema.validate(doc)) return [];
  if (!isJsonObject(doc)) return [{ path: '', message: `expected an ADF document object but got ${describeValue(doc)}` }];
  const feasible = new Map<string, ReadonlySet<string>>();
  const nameSchema = (s: object): string | undefined => schema.names.get(s);
  const errors = (schema.validate.errors ?? []).filter((e) => fitsDocument(e, doc, schema, feasible));
  const specific = [
    ...structuralIssues(doc, '', schema),
    ...errors.filter((e) => !isCombinatorSummary(e)).map((e) => formatAjvError(e, nameSchema)),
  ];
  const pending = errors.filter((e) => isCombinatorSummary(e) && !specific.some((i) => isAtOrBelow(i.path, e.instancePath)));
  // A summary with another one below it only says "something inside failed"; the deeper one says what.
  const summaries = pending
    .filter((e) => !pending.some((other) => other.instancePath !== e.instancePath && isAtOrBelow(other.instancePath, e.instancePath)))
    .map((e) => notAllowedHere(e, doc, schema) ?? formatAjvError(e, nameSchema));
  const issues = dedupeIssues([...specific, ...summaries]);
  // Pruning must never turn an invalid document into "no issues": fall back to everything ajv said.
  return issues.length > 0 ? issues : issuesFromAjv(schema.validate.errors ?? [], nameSchema);
}

function compileAdfSchema(): CompiledAdfSchema {
  if (compiled) return compiled;
  const root: unknown = JSON.parse(readFileSync(referencePath('adf-schema-v1-full.json'), 'utf8'));
  if (!isJsonObject(root) || !isJsonObject(root['definitions'])) throw new Error('ADF schema lacks definitions');
  const rootDefinition = refName(root);
  if (rootDefinition === undefined) throw new Error('ADF schema root is not a $ref to a definition');
  // verbose keeps parentSchema on errors, which is how each error is traced back to its definition; one function
  // per definition and no code optimisation halve compile time for this ref-heavy schema at no validation cost.
  const ajv = new Ajv04({ strict: false, allErrors: true, verbose: true, inlineRefs: false, code: { optimize: false } });
  const nodeTypes = new Set<string>();
  const markTypes = new Set<string>();
  const schema: CompiledAdfSchema = {
    validate: ajv.compile(root),
    rootDefinition,
    definitions: root['definitions'],
    names: new WeakMap(),
    nodeTypes,
    markTypes,
    discriminators: new Map(),
    children: new Map(),
  };
  registerSchemaNames(schema.names, schema.definitions, '#/definitions');
  for (const name of Object.keys(schema.definitions)) {
    const known = name.endsWith('_mark') ? markTypes : name.endsWith('_node') ? nodeTypes : undefined;
    for (const type of discriminatorOf(name, schema) ?? []) known?.add(type);
  }
  compiled = schema;
  return schema;
}

/** The `type` values a definition accepts (through `allOf` refs), or `undefined` for collections like `inline_node`. */
function discriminatorOf(name: string, schema: CompiledAdfSchema): ReadonlySet<string> | undefined {
  if (schema.discriminators.has(name)) return schema.discriminators.get(name);
  schema.discriminators.set(name, undefined);
  const def = schema.definitions[name];
  let found: ReadonlySet<string> | undefined;
  if (isJsonObject(def)) {
    found = enumOfType(def);
    for (const member of arrayOf(def['allOf'])) {
      if (found) break;
      const ref = refName(member);
      found = ref !== undefined ? discriminatorOf(ref, schema) : enumOfType(member);
    }
  }
  schema.discriminators.set(name, found);
  return found;
}

/**
 * Definitions reachable from `container` of a node matched by definition `name`: the node and mark definitions
 * allowed there, plus the collection definitions (inline_node, table_cell_content, ...) passed on the way.
 */
function childDefinitions(name: string, container: Container, schema: CompiledAdfSchema): ReadonlySet<string> {
  const key = `${name} ${container}`;
  const cached = schema.children.get(key);
  if (cached) return cached;
  const out = new Set<string>();
  schema.children.set(key, out);
  const collectAlternatives = (s: unknown): void => {
    const ref = refName(s);
    if (ref !== undefined) {
      if (out.has(ref)) return;
      out.add(ref);
      if (!discriminatorOf(ref, schema)) collectAlternatives(schema.definitions[ref]);
      return;
    }
    if (!isJsonObject(s)) return;
    for (const member of [...arrayOf(s['anyOf']), ...arrayOf(s['oneOf'])]) collectAlternatives(member);
    // Collection definitions such as table_cell_content are arrays themselves.
    if (s['items'] !== undefined) collectAlternatives(s['items']);
  };
  const collectFromNode = (s: unknown): void => {
    if (!isJsonObject(s)) return;
    const properties = s['properties'];
    const property = isJsonObject(properties) ? properties[container] : undefined;
    const propertyRef = refName(property);
    if (propertyRef !== undefined) out.add(propertyRef);
    const resolved = propertyRef !== undefined ? schema.definitions[propertyRef] : property;
    if (isJsonObject(resolved) && resolved['items'] !== undefined) collectAlternatives(resolved['items']);
    for (const member of arrayOf(s['allOf'])) {
      const ref = refName(member);
      if (ref !== undefined) for (const child of childDefinitions(ref, container, schema)) out.add(child);
      else collectFromNode(member);
    }
  };
  collectFromNode(schema.definitions[name]);
  return out;
}

/** Adds the base definitions a definition extends through `allOf` refs (their errors are its errors). */
function withBases(names: Iterable<string>, schema: CompiledAdfSchema): Set<string> {
  const out = new Set<string>();
  const add = (name: string): void => {
    if (out.has(name)) return;
    out.add(name);
    const def = schema.definitions[name];
    if (isJsonObject(def)) for (const member of arrayOf(def['allOf'])) {
      const ref = refName(member);
      if (ref !== undefined) add(ref);
    }
  };
  for (const name of names) add(name);
  return out;
}

/**
 * Definitions that can describe the node at `nodePath`, given its place in the document: the root's definition,
 * then for each child those its parent's definitions allow whose `type` matches the child's.
 */
function feasibleDefinitions(doc: JsonObject, nodePath: string, schema: CompiledAdfSchema, memo: Map<string, ReadonlySet<string>>): ReadonlySet<string> {
  const cached = memo.get(nodePath);
  if (cached) return cached;
  let result: ReadonlySet<string>;
  const segments = splitPointer(nodePath);
  const container = segments.at(-2);
  if (segments.length === 0) {
    result = withBases([schema.rootDefinition], schema);
  } else if (container === 'content' || container === 'marks') {
    const parent = feasibleDefinitions(doc, pointerOf(segments.slice(0, -2)), schema, memo);
    const node = valueAt(doc, nodePath);
    const type = isJsonObject(node) ? node['type'] : undefined;
    const candidates: string[] = [];
    for (const definition of parent) {
      for (const child of childDefinitions(definition, container, schema)) {
        if (typeof type === 'string' && discriminatorOf(child, schema)?.has(type)) candidates.push(child);
      }
    }
    result = withBases(candidates, schema);
  } else {
    result = new Set();
  }
  memo.set(nodePath, result);
  return result;
}

/**
 * False for errors raised by a branch that cannot describe the data there: with `allErrors` ajv reports every
 * failed `anyOf` branch (a mention_node complaining about a text node, a codeBlock's text rules applied to a
 * paragraph's text), and only the branches fitting the node's type and place say anything useful.
 */
function fitsDocument(error: ErrorObject, doc: JsonObject, schema: CompiledAdfSchema, memo: Map<string, ReadonlySet<string>>): boolean {
  const pointer = error.parentSchema ? schema.names.get(error.parentSchema) : undefined;
  const definition = pointer === undefined ? undefined : splitPointer(pointer.slice(1))[1];
  if (definition === undefined) return true;
  // An anyOf over the items of `content`/`marks` reports at the child but belongs to the parent's definition.
  const atChild = isCombinatorSummary(error) && isNodePosition(error.instancePath);
  const nodePath = enclosingNode(atChild ? pointerOf(splitPointer(error.instancePath).slice(0, -2)) : error.instancePath);
  const feasible = feasibleDefinitions(doc, nodePath, schema, memo);
  if (discriminatorOf(definition, schema)) return feasible.has(definition);
  // Collections (inline_node, block_content, ...) apply where a feasible definition uses them for its children.
  return [...feasible].some((d) => childDefinitions(d, 'content', schema).has(definition) || childDefinitions(d, 'marks', schema).has(definition));
}

/** Rewrites a leftover anyOf failure (a known type in the wrong place) as "not allowed here; X allows: ...". */
function notAllowedHere(error: ErrorObject, doc: unknown, schema: CompiledAdfSchema): ValidationIssue | undefined {
  const value = valueAt(doc, error.instancePath);
  const type = isJsonObject(value) ? value['type'] : undefined;
  const branches = arrayOf(error.parentSchema?.['anyOf']);
  if (typeof type !== 'string' || branches.length === 0) return undefined;
  const allowed = new Set<string>();
  for (const branch of branches) {
    const name = refName(branch);
    for (const t of (name === undefined ? undefined : discriminatorOf(name, schema)) ?? []) allowed.add(t);
  }
  if (allowed.size === 0) return undefined;
  const kind = splitPointer(error.instancePath).at(-2) === 'marks' ? 'mark' : 'node';
  const pointer = error.parentSchema ? schema.names.get(error.parentSchema) : undefined;
  const owner = pointer === undefined ? 'the schema' : (splitPointer(pointer.slice(1))[1] ?? 'the schema');
  const form = allowed.has(type) ? ' in this form (check its attrs, marks and content)' : ' here';
  return { path: error.instancePath, message: `ADF ${kind} "${type}" is not allowed${form}; ${owner} allows: ${[...allowed].join(', ')}` };
}

/** Node-level problems the schema reports only as anyOf noise: non-object nodes, missing and unknown types. */
function structuralIssues(node: JsonObject, path: string, schema: CompiledAdfSchema): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  arrayOf(node['content']).forEach((child, i) => {
    const childPath = joinPointer(joinPointer(path, 'content'), i);
    const problem = typeProblem(child, 'node', schema.nodeTypes);
    if (problem) issues.push({ path: childPath, message: problem });
    else if (isJsonObject(child)) issues.push(...structuralIssues(child, childPath, schema));
  });
  arrayOf(node['marks']).forEach((mark, i) => {
    const problem = typeProblem(mark, 'mark', schema.markTypes);
    if (problem) issues.push({ path: joinPointer(joinPointer(path, 'marks'), i), message: problem });
  });
  return issues;
}

function typeProblem(value: unknown, kind: 'node' | 'mark', known: ReadonlySet<string>): string | undefined {
  if (!isJsonObject(value)) return `expected an ADF ${kind} object but got ${describeValue(value)}`;
  const type = value['type'];
  if (typeof type !== 'string') return `ADF ${kind} has no "type" (got ${describeValue(type)})`;
  return known.has(type) ? undefined : `unknown ADF ${kind} type ${JSON.stringify(type)}`;
}

function enumOfType(schema: unknown): ReadonlySet<string> | undefined {
  const properties = isJsonObject(schema) ? schema['properties'] : undefined;
  const type = isJsonObject(properties) ? properties['type'] : undefined;
  const values = isJsonObject(type) ? type['enum'] : undefined;
  return Array.isArray(values) ? new Set(values.filter((v): v is string => typeof v === 'string')) : undefined;
}

function refName(schema: unknown): string | undefined {
  const ref = isJsonObject(schema) ? schema['$ref'] : undefined;
  return typeof ref === 'string' && ref.startsWith('#/definitions/') ? ref.slice('#/definitions/'.length) : undefined;
}

function arrayOf(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

function isNodePosition(pointer: string): boolean {
  const segments = splitPointer(pointer);
  const container = segments.at(-2);
  return (container === 'content' || container === 'marks') && /^\d+$/.test(segments.at(-1) ?? '');
}

/** The nearest node or mark at or above a pointer: the longest prefix ending in `content/N` or `marks/N`, else the root. */
function enclosingNode(pointer: string): string {
  const segments = splitPointer(pointer);
  for (let end = segments.length; end >= 2; end--) {
    const prefix = pointerOf(segments.slice(0, end));
    if (isNodePosition(prefix)) return prefix;
  }
  return '';
}

function pointerOf(segments: readonly string[]): string {
  return segments.reduce<string>((p, s) => joinPointer(p, s), '');
}

function valueAt(root: unknown, pointer: string): unknown {
  let value = root;
  for (const segment of splitPointer(pointer)) {
    if (Array.isArray(value)) value = value[Number(segment)];
    else if (isJsonObject(value)) value = value[segment];
    else return undefined;
  }
  return value;
}

import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import {
  describeValue,
  issuesFromAjv,
  isJsonObject,
  registerSchemaNames,
  type JsonObject,
  type ValidationIssue,
} from './issues';
import {
  listOperations,
  loadJiraOpenApi,
  PATH_ITEM_METHODS,
  type HttpMethod,
  type MediaTypeObject,
  type OpenApiDocument,
  type OperationObject,
  type OperationSummary,
  type SchemaObject,
} from './spec';

export type { ValidationIssue } from './issues';

/** The operation a concrete request path resolves to. */
export interface OperationMatch {
  readonly operationId: string;
  /** The document's path template, e.g. `/rest/api/3/issue/{issueIdOrKey}/comment/{id}`. */
  readonly pathTemplate: string;
}

/** Options for {@link OpenApiValidator}. */
export interface OpenApiValidatorOptions {
  /**
   * Component schema (e.g. `'ErrorCollection'`) to check bodies of 4xx/5xx statuses that the document lists
   * without content. Real Jira sends an `ErrorCollection` there; by default such bodies are flagged as undocumented.
   */
  readonly undocumentedErrorBodySchema?: string;
}

type Direction = 'request' | 'response';

/** Base URIs under which the two variants of the components are registered with ajv. */
const COMPONENT_BASES: Readonly<Record<Direction, string>> = {
  request: 'https://lockstep.invalid/jira-openapi/request-components.json',
  response: 'https://lockstep.invalid/jira-openapi/response-components.json',
};

/** Keywords that annotate but never constrain; a schema made only of these accepts anything. */
const ANNOTATIONS = new Set(['description', 'title', 'example', 'examples', 'xml', 'externalDocs', 'deprecated', 'readOnly', 'writeOnly', 'default']);

/** Components that describe a Java class rather than their JSON (issue property values, task results). */
const ANY_JSON_COMPONENTS = ['JsonNode'];

/** OpenAPI-only keywords ajv should know as annotations instead of merely tolerating them. */
const OPENAPI_ANNOTATIONS = ['example', 'xml', 'externalDocs', 'discriminator'];

/** A route table entry: the public match plus what validation needs. */
interface ResolvedOperation extends OperationMatch {
  readonly method: HttpMethod;
  readonly op: OperationObject;
}

interface RouteNode {
  readonly literals: Map<string, RouteNode>;
  param: RouteNode | undefined;
  readonly ops: Map<HttpMethod, ResolvedOperation>;
}

function newRouteNode(): RouteNode {
  return { literals: new Map(), param: undefined, ops: new Map() };
}

/**
 * Validates Jira REST request and response bodies against Atlassian's OpenAPI 3.0 document. Schemas compile
 * lazily per operation and status, so construction is cheap and only the parts in use are ever compiled.
 */
export class OpenApiValidator {
  private readonly doc: OpenApiDocument;
  private readonly options: OpenApiValidatorOptions;
  private readonly routes: RouteNode = newRouteNode();
  private ajv: Ajv | undefined;
  /** The components variant registered with ajv per direction (see {@link relaxRequired}). */
  private readonly registered = new Map<Direction, Readonly<Record<string, SchemaObject>>>();
  private readonly compiled = new Map<string, ValidateFunction | null>();
  private readonly schemaNames = new WeakMap<object, string>();
  private readonly namedRoots = new Set<object>();

  /** @param doc defaults to the shared reference document ({@link loadJiraOpenApi}). */
  constructor(doc: OpenApiDocument = loadJiraOpenApi(), options: OpenApiValidatorOptions = {}) {
    this.doc = doc;
    this.options = options;
    const errorSchema = options.undocumentedErrorBodySchema;
    if (errorSchema !== undefined && !(errorSchema in doc.components.schemas)) {
      throw new Error(`undocumentedErrorBodySchema: no component schema named ${errorSchema}`);
    }
    for (const [template, item] of Object.entries(doc.paths)) {
      let node = this.routes;
      for (const segment of splitPath(template)) {
        if (/^\{[^}]+\}$/.test(segment)) {
          node = node.param ??= newRouteNode();
        } else {
          const next = node.literals.get(segment) ?? newRouteNode();
          node.literals.set(segment, next);
          node = next;
        }
      }
      for (const method of PATH_ITEM_METHODS) {
        const op = item[method];
        const key = method.toUpperCase() as HttpMethod;
        // Same-shape templates (field/{id} vs field/{fieldId}) split methods between them; first one wins.
        if (op && !node.ops.has(key)) node.ops.set(key, { operationId: op.operationId, pathTemplate: template, method: key, op });
      }
    }
  }

  /** Every operation of the document, e.g. `{ method: 'GET', pathTemplate: '/rest/api/3/myself', operationId: 'getCurrentUser' }`. */
  listOperations(): OperationSummary[] {
    return listOperations(this.doc);
  }

  /**
   * Resolves a concrete path (query string and fragment ignored; a full URL is accepted) to the operation that
   * serves `method` there. Literal segments win over parameters, so `/rest/api/3/issue/bulk` is `createIssues`,
   * not `getIssue`; templates lacking the method are skipped, so `GET /rest/api/3/issue/bulk` is `getIssue`.
   */
  findOperation(method: string, concretePath: string): OperationMatch | undefined {
    const found = this.resolve(method, concretePath);
    return found ? { operationId: found.operationId, pathTemplate: found.pathTemplate } : undefined;
  }

  /**
   * Checks a parsed JSON request body against the operation's `requestBody` JSON schema. Empty when valid,
   * or when the operation declares no JSON body schema.
   */
  validateRequest(method: string, concretePath: string, body: unknown): ValidationIssue[] {
    const found = this.resolve(method, concretePath);
    if (!found) return [noOperation(method, concretePath)];
    const requestBody = found.op.requestBody;
    const media = requestBody?.content ? pickJsonMedia(requestBody.content) : undefined;
    if (!requestBody || !media) return [];
    const label = describeOperation(found);
    if (isEmptyBody(body)) {
      return requestBody.required ? [{ path: '', message: `${label} requires a ${media.type} request body, got none` }] : [];
    }
    const validate = this.compile(`${found.operationId} request ${media.type}`, 'request', media.schema, `${label} request body`);
    return validate ? this.run(validate, body) : [];
  }

  /**
   * Checks a parsed JSON response body against the schema the document declares for exactly `status` (or
   * `default`). Statuses listed without content are valid with no body; undeclared statuses are issues, except a
   * bodiless 429, which Jira may return from any endpoint.
   */
  validateResponse(method: string, concretePath: string, status: number, body: unknown): ValidationIssue[] {
    const found = this.resolve(method, concretePath);
    if (!found) return [noOperation(method, concretePath)];
    const label = describeOperation(found);
    const responses = found.op.responses;
    const statusKey = String(status);
    const response = responses[statusKey] ?? responses[`${statusKey.charAt(0)}XX`] ?? responses['default'];
    if (!response) {
      // Atlassian rate-limits every endpoint, yet only a handful of operations list 429.
      if (status === 429 && isEmptyBody(body)) return [];
      return [{ path: '', message: `${label} does not declare status ${status}; declared: ${Object.keys(responses).join(', ')}` }];
    }
    if (status === 204 || status === 304) {
      // HTTP forbids a body here even where the document lists an (empty) application/json schema.
      return isEmptyBody(body) ? [] : [{ path: '', message: `status ${status} must not carry a body, got ${describeValue(body)}` }];
    }
    const content = response.content ?? {};
    if (Object.keys(content).length === 0) {
      if (isEmptyBody(body) || isBinary(body)) return [];
      const errorSchema = this.options.undocumentedErrorBodySchema;
      if (status >= 400 && errorSchema !== undefined) {
        const validate = this.compile(`#error ${errorSchema}`, 'response', { $ref: `#/components/schemas/${errorSchema}` }, `${errorSchema} error body`);
        return validate ? this.run(validate, body) : [];
      }
      return [{ path: '', message: `${label} declares no body for status ${status}, got ${describeValue(body)}` }];
    }
    const media = pickJsonMedia(content);
    // Only non-JSON content (images, octet streams) is declared: nothing JSON-shaped to check.
    if (!media) return [];
    const validate = this.compile(`${found.operationId} ${statusKey} ${media.type}`, 'response', media.schema, `${label} ${statusKey} response body`);
    if (!validate) return [];
    if (isEmptyBody(body)) {
      return [{ path: '', message: `${label} declares a ${media.type} body for status ${status}, got none` }];
    }
    return this.run(validate, body);
  }

  private resolve(method: string, concretePath: string): ResolvedOperation | undefined {
    const key = method.toUpperCase();
    if (!PATH_ITEM_METHODS.some((m) => m.toUpperCase() === key)) return undefined;
    return matchRoute(this.routes, splitPath(normalizePath(concretePath)), 0, key as HttpMethod);
  }

  private run(validate: ValidateFunction, body: unknown): ValidationIssue[] {
    if (validate(body)) return [];
    return issuesFromAjv(validate.errors ?? [], (schema) => this.nameSchema(schema));
  }

  /** Compiles (once per key) an operation-level schema; `null` when the schema accepts anything. */
  private compile(key: string, direction: Direction, schema: SchemaObject | undefined, label: string): ValidateFunction | null {
    const cached = this.compiled.get(key);
    if (cached !== undefined) return cached;
    let validate: ValidateFunction | null = null;
    if (schema && constrains(schema)) {
      const ajv = this.ajvFor(direction);
      const rebased = rebaseRefs(relaxRequired(schema, direction === 'request' ? 'readOnly' : 'writeOnly'), COMPONENT_BASES[direction]);
      registerSchemaNames(this.schemaNames, rebased, label);
      validate = ajv.compile(rebased);
    }
    this.compiled.set(key, validate);
    return validate;
  }

  /** The shared ajv instance, with the components variant for `direction` registered (not compiled). */
  private ajvFor(direction: Direction): Ajv {
    this.ajv ??= createAjv();
    if (!this.registered.has(direction)) {
      const schemas = { ...relaxRequired(this.doc.components.schemas, direction === 'request' ? 'readOnly' : 'writeOnly') };
      // Jackson's JsonNode bean leaked into the document as a closed object; on the wire it is any JSON value.
      for (const name of ANY_JSON_COMPONENTS) if (name in schemas) schemas[name] = { description: `${name}: any JSON value` };
      // The document is Atlassian's and already valid; meta-validating 2 MB of schemas would only cost time.
      this.ajv.addSchema({ $id: COMPONENT_BASES[direction], components: { schemas } }, undefined, undefined, false);
      this.registered.set(direction, schemas);
    }
    return this.ajv;
  }

  private nameSchema(schema: object): string | undefined {
    // Walked on the first failure per variant only: valid traffic never pays for it.
    for (const root of [this.doc.components.schemas, ...this.registered.values()]) {
      if (this.namedRoots.has(root)) continue;
      registerSchemaNames(this.schemaNames, root, '#/components/schemas');
      this.namedRoots.add(root);
    }
    return this.schemaNames.get(schema);
  }
}

function createAjv(): Ajv {
  // Never coerce, default or strip: the validator reports on bodies, it must not mutate them.
  const ajv = new Ajv({ strict: false, allErrors: true, verbose: true, validateSchema: false });
  addFormats(ajv);
  ajv.addVocabulary(OPENAPI_ANNOTATIONS);
  return ajv;
}

function matchRoute(
  node: RouteNode,
  segments: readonly string[],
  index: number,
  method: HttpMethod,
): ResolvedOperation | undefined {
  const segment = segments[index];
  if (segment === undefined) return node.ops.get(method);
  const literal = node.literals.get(segment);
  // Depth-first, literal child before parameter child: the first full match is the most specific template.
  const viaLiteral = literal ? matchRoute(literal, segments, index + 1, method) : undefined;
  if (viaLiteral) return viaLiteral;
  return node.param && segment !== '' ? matchRoute(node.param, segments, index + 1, method) : undefined;
}

function normalizePath(concretePath: string): string {
  let path = /^[a-z][a-z0-9+.-]*:\/\//i.test(concretePath) ? new URL(concretePath).pathname : concretePath;
  path = path.replace(/[?#].*$/, '');
  return path.length > 1 ? path.replace(/\/+$/, '') : path;
}

function splitPath(path: string): string[] {
  const segments = path.split('/');
  if (segments[0] === '') segments.shift();
  return segments;
}

function noOperation(method: string, concretePath: string): ValidationIssue {
  return { path: '', message: `no operation in the Jira OpenAPI document matches ${method.toUpperCase()} ${concretePath}` };
}

function describeOperation(match: ResolvedOperation): string {
  return `${match.method} ${match.pathTemplate} (${match.operationId})`;
}

/** `application/json` first, then any `+json`/`json` type, then the wildcard; `undefined` if none is JSON-ish. */
function pickJsonMedia(content: Readonly<Record<string, MediaTypeObject>>): { type: string; schema: SchemaObject | undefined } | undefined {
  const types = Object.keys(content);
  const type = types.find((t) => t === 'application/json') ?? types.find((t) => /json/i.test(t)) ?? types.find((t) => t === '*/*');
  return type === undefined ? undefined : { type, schema: content[type]?.schema };
}

/** False for `{}` and schemas made only of annotations: they accept every value, so compiling is pointless. */
function constrains(schema: SchemaObject): boolean {
  return Object.keys(schema).some((k) => !ANNOTATIONS.has(k) && !k.startsWith('x-'));
}

function isEmptyBody(body: unknown): boolean {
  return body === undefined || body === '' || (isBinary(body) && body.byteLength === 0);
}

function isBinary(body: unknown): body is ArrayBufferView | ArrayBuffer {
  return ArrayBuffer.isView(body) || body instanceof ArrayBuffer;
}

/**
 * Copy-on-write pass for OpenAPI 3.0 semantics ajv lacks: a `required` property that is `readOnly` binds only
 * responses (and `writeOnly` only requests), so `flag` names the kind to drop from `required`; `nullable` enums
 * also admit `null`. Untouched subtrees are shared with the input.
 */
export function relaxRequired<T>(node: T, flag: 'readOnly' | 'writeOnly'): T {
  return relax(node, flag) as T;
}

function relax(node: unknown, flag: 'readOnly' | 'writeOnly'): unknown {
  if (Array.isArray(node)) {
    let changed = false;
    const mapped = node.map((item: unknown) => {
      const next = relax(item, flag);
      if (next !== item) changed = true;
      return next;
    });
    return changed ? mapped : node;
  }
  if (!isJsonObject(node)) return node;
  let copy: JsonObject | undefined;
  for (const [key, value] of Object.entries(node)) {
    const next = relax(value, flag);
    if (next !== value) (copy ??= { ...node })[key] = next;
  }
  const required = node['required'];
  const properties = node['properties'];
  if (Array.isArray(required) && isJsonObject(properties)) {
    const kept = required.filter((name: unknown) => {
      const property = typeof name === 'string' ? properties[name] : undefined;
      return !(isJsonObject(property) && property[flag] === true);
    });
    if (kept.length !== required.length) {
      copy ??= { ...node };
      if (kept.length > 0) copy['required'] = kept;
      else delete copy['required'];
    }
  }
  const values = node['enum'];
  if (node['nullable'] === true && Array.isArray(values) && !values.includes(null)) {
    (copy ??= { ...node })['enum'] = [...values, null];
  }
  return copy ?? node;
}

/** Deep copy of an operation-level schema with local `#/...` refs pointed at the registered components. */
function rebaseRefs(node: unknown, base: string): SchemaObject {
  const copy = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(copy);
    if (!isJsonObject(value)) return value;
    const out: JsonObject = {};
    for (const [key, inner] of Object.entries(value)) {
      out[key] = key === '$ref' && typeof inner === 'string' && inner.startsWith('#') ? `${base}${inner}` : copy(inner);
    }
    return out;
  };
  const result = copy(node);
  return isJsonObject(result) ? result : {};
}

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isJsonObject } from './issues';

/**
 * Directory of the read-only reference documents. They live outside the repository (not ours to ship), so
 * they are loaded from there at run time: repo root is three levels above this folder, the references sit
 * beside the repo.
 */
export const REFERENCE_DIR = new URL('../../../../shared/reference/', import.meta.url);

/** Absolute file path of one reference document, e.g. `jira-platform-openapi.json`. */
export function referencePath(fileName: string): string {
  return fileURLToPath(new URL(fileName, REFERENCE_DIR));
}

/** A JSON Schema object in the OpenAPI 3.0 dialect, as it appears in the document. */
export type SchemaObject = { readonly [keyword: string]: unknown };

/** An OpenAPI media type entry (`content['application/json']`). */
export interface MediaTypeObject {
  readonly schema?: SchemaObject;
}

/** An OpenAPI request body. */
export interface RequestBodyObject {
  readonly required?: boolean;
  readonly content?: Readonly<Record<string, MediaTypeObject>>;
}

/** An OpenAPI response; no `content` means the document declares no body. */
export interface ResponseObject {
  readonly description?: string;
  readonly content?: Readonly<Record<string, MediaTypeObject>>;
}

/** An OpenAPI operation (only the parts the validator reads). */
export interface OperationObject {
  readonly operationId: string;
  readonly requestBody?: RequestBodyObject;
  readonly responses: Readonly<Record<string, ResponseObject>>;
}

/** Lower-case method keys as used in an OpenAPI path item. */
export const PATH_ITEM_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'] as const;

/** A lower-case OpenAPI method key. */
export type PathItemMethod = (typeof PATH_ITEM_METHODS)[number];

/** Upper-case HTTP method, as reported by {@link listOperations}. */
export type HttpMethod = Uppercase<PathItemMethod>;

/** An OpenAPI path item (the document declares no path-level parameters). */
export type PathItemObject = { readonly [M in PathItemMethod]?: OperationObject };

/** The parts of the Jira Cloud platform OpenAPI 3.0 document the validators read. */
export interface OpenApiDocument {
  readonly openapi: string;
  readonly info: { readonly title: string; readonly version: string };
  readonly paths: Readonly<Record<string, PathItemObject>>;
  readonly components: { readonly schemas: Readonly<Record<string, SchemaObject>> };
}

/** One operation of the document. */
export interface OperationSummary {
  readonly method: HttpMethod;
  readonly pathTemplate: string;
  readonly operationId: string;
}

let cachedDocument: OpenApiDocument | undefined;

/**
 * Loads Atlassian's Jira Cloud platform REST v3 OpenAPI document from the shared reference folder (parsed
 * once, then cached for the process).
 */
export function loadJiraOpenApi(): OpenApiDocument {
  cachedDocument ??= parseOpenApi(readFileSync(referencePath('jira-platform-openapi.json'), 'utf8'));
  return cachedDocument;
}

/** Parses and shape-checks an OpenAPI 3.0 document (exported for tests with hand-written documents). */
export function parseOpenApi(text: string): OpenApiDocument {
  const doc: unknown = JSON.parse(text);
  if (!isJsonObject(doc) || typeof doc['openapi'] !== 'string' || !doc['openapi'].startsWith('3.0')) {
    throw new Error('not an OpenAPI 3.0 document');
  }
  const components = doc['components'];
  if (!isJsonObject(doc['paths']) || !isJsonObject(components) || !isJsonObject(components['schemas'])) {
    throw new Error('OpenAPI document lacks paths or components.schemas');
  }
  // Shape checked above; the remaining fields are read defensively where used.
  return doc as unknown as OpenApiDocument;
}

/** Every operation of the document in document order, e.g. `{ method: 'POST', pathTemplate: '/rest/api/3/issue', operationId: 'createIssue' }`. */
export function listOperations(doc: OpenApiDocument = loadJiraOpenApi()): OperationSummary[] {
  const out: OperationSummary[] = [];
  for (const [pathTemplate, item] of Object.entries(doc.paths)) {
    for (const method of PATH_ITEM_METHODS) {
      const op = item[method];
      if (op) out.push({ method: method.toUpperCase() as HttpMethod, pathTemplate, operationId: op.operationId });
    }
  }
  return out;
}

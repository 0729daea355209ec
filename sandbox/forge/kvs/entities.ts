/**
 * Custom entity declarations (manifest `app.storage.entities`): reading them, checking them against
 * Forge's rules, and checking stored values against the declared attribute types.
 */
import { z } from 'zod';
import { KvsError, schemaNotFound } from './errors';
import {
  ATTRIBUTE_NAME_MAX_LENGTH, ATTRIBUTE_NAME_PATTERN, ENTITY_NAME_MAX_LENGTH, ENTITY_NAME_MIN_LENGTH, ENTITY_NAME_PATTERN,
  FLOAT_MAX_MAGNITUDE, FLOAT_MIN_MAGNITUDE, INDEX_NAME_MAX_LENGTH, INDEX_NAME_MIN_LENGTH, INDEX_NAME_PATTERN, INTEGER_MAX,
  INTEGER_MIN, KEY_INDEX_NAME, MAX_ATTRIBUTES_PER_ENTITY, MAX_ENTITIES, MAX_INDEXES_PER_ENTITY, MAX_PARTITION_VALUE_BYTES,
  MAX_RANGE_VALUE_BYTES,
} from './limits';

/** The type of one attribute, as the manifest declares it. */
export type AttributeType = 'string' | 'boolean' | 'float' | 'integer' | 'any';

/** One custom entity as declared under `app.storage.entities` in manifest.yml. */
export interface EntityDeclaration {
  name: string;
  attributes: Record<string, { type: AttributeType }>;
  indexes?: Array<string | { name: string; range: string[]; partition?: string[] }>;
}

/** An index ready for queries: `range: null` means the entity key (the automatic `by-key` index). */
export interface CompiledIndex {
  name: string;
  range: string | null;
  partition: string[];
}

/** An entity ready for use: attribute types and indexes by name. */
export interface CompiledEntity {
  name: string;
  attributes: ReadonlyMap<string, AttributeType>;
  indexes: ReadonlyMap<string, CompiledIndex>;
}

const declarationSchema = z.object({
  name: z.string(),
  attributes: z.record(z.string(), z.object({ type: z.enum(['string', 'boolean', 'float', 'integer', 'any']) })),
  indexes: z.array(z.union([z.string(), z.object({ name: z.string(), range: z.array(z.string()), partition: z.array(z.string()).optional() })])).optional(),
});

/**
 * Reads the custom entities a parsed manifest declares (`app.storage.entities`); `[]` when there are none.
 * Throws an `Error` naming the path when the section is malformed.
 */
export function entityDeclarationsOf(manifest: unknown): EntityDeclaration[] {
  const entities = pick(pick(pick(manifest, 'app'), 'storage'), 'entities');
  if (entities === undefined) return [];
  const parsed = z.array(declarationSchema).safeParse(entities);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = ['app', 'storage', 'entities', ...(issue?.path.map(String) ?? [])].join('.');
    throw new Error(`manifest ${where}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data.map((d) => ({
    name: d.name,
    attributes: d.attributes,
    ...(d.indexes ? { indexes: d.indexes.map((i) => (typeof i === 'string' ? i : { name: i.name, range: i.range, ...(i.partition ? { partition: i.partition } : {}) })) } : {}),
  }));
}

function pick(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}

/**
 * Checks declarations against Forge's rules ([entities], [manifest]) and compiles them.
 * Throws an `Error` naming the entity: a bad declaration is a setup mistake, not a request.
 */
export function compileEntities(declarations: readonly EntityDeclaration[]): Map<string, CompiledEntity> {
  if (declarations.length > MAX_ENTITIES) throw new Error(`custom entities: ${declarations.length} declared, Forge allows ${MAX_ENTITIES}`);
  const compiled = new Map<string, CompiledEntity>();
  for (const declaration of declarations) {
    const fail = (why: string): never => {
      throw new Error(`custom entity "${declaration.name}": ${why}`);
    };
    const nameProblem = entityNameProblem(declaration.name);
    if (nameProblem) fail(nameProblem.message);
    if (compiled.has(declaration.name)) fail('declared twice');
    const attributes = new Map<string, AttributeType>();
    for (const [name, { type }] of Object.entries(declaration.attributes)) {
      if (!ATTRIBUTE_NAME_PATTERN.test(name)) fail(`attribute "${name}" does not match ${ATTRIBUTE_NAME_PATTERN.source}`);
      if (name.length > ATTRIBUTE_NAME_MAX_LENGTH) fail(`attribute "${name}" is longer than ${ATTRIBUTE_NAME_MAX_LENGTH} characters`);
      attributes.set(name, type);
    }
    if (attributes.size > MAX_ATTRIBUTES_PER_ENTITY) fail(`${attributes.size} attributes, Forge allows ${MAX_ATTRIBUTES_PER_ENTITY}`);
    const declaredIndexes = declaration.indexes ?? [];
    if (declaredIndexes.length > MAX_INDEXES_PER_ENTITY) fail(`${declaredIndexes.length} indexes, Forge allows ${MAX_INDEXES_PER_ENTITY}`);
    const indexes = new Map<string, CompiledIndex>([[KEY_INDEX_NAME, { name: KEY_INDEX_NAME, range: null, partition: [] }]]);
    for (const declared of declaredIndexes) {
      const index: CompiledIndex = typeof declared === 'string'
        ? { name: declared, range: declared, partition: [] }
        : { name: declared.name, range: declared.range[0] ?? fail(`index "${declared.name}" has no range attribute`), partition: declared.partition ?? [] };
      if (typeof declared !== 'string') {
        // [entities] "range … can only have one attribute"; naming rules apply to named indexes (a simple one is named after its attribute).
        if (declared.range.length !== 1) fail(`index "${declared.name}" has ${declared.range.length} range attributes, Forge allows exactly 1`);
        if (!INDEX_NAME_PATTERN.test(declared.name) || declared.name.length < INDEX_NAME_MIN_LENGTH || declared.name.length > INDEX_NAME_MAX_LENGTH) {
          fail(`index name "${declared.name}" must be ${INDEX_NAME_MIN_LENGTH}-${INDEX_NAME_MAX_LENGTH} characters of a-zA-Z0-9:-_. without a leading or trailing "." or ".."`);
        }
      }
      if (indexes.has(index.name)) fail(`index "${index.name}" is declared twice or uses the reserved name "${KEY_INDEX_NAME}"`);
      for (const attribute of [index.range, ...index.partition]) {
        const type = attribute === null ? 'string' : attributes.get(attribute);
        if (type === undefined) fail(`index "${index.name}" uses undeclared attribute "${attribute}"`);
        // [entities] range and partition "accept all data types (except for any)".
        if (type === 'any') fail(`index "${index.name}" uses attribute "${attribute}" of type any, which cannot be indexed`);
      }
      indexes.set(index.name, index);
    }
    compiled.set(declaration.name, { name: declaration.name, attributes, indexes });
  }
  return compiled;
}

/** Why an entity name in a request or manifest breaks Forge's rules ([errors] codes), or `undefined`. */
export function entityNameProblem(name: string): KvsError | undefined {
  if (name.length < ENTITY_NAME_MIN_LENGTH) return new KvsError(400, 'ENTITY_TYPE_TOO_SHORT', `The provided entity name "${name}" needs to be at least ${ENTITY_NAME_MIN_LENGTH} characters.`);
  if (name.length > ENTITY_NAME_MAX_LENGTH) return new KvsError(400, 'ENTITY_TYPE_TOO_LARGE', `The provided entity name has exceeded the maximum ${ENTITY_NAME_MAX_LENGTH} characters.`);
  if (!ENTITY_NAME_PATTERN.test(name)) return new KvsError(400, 'INVALID_ENTITY_TYPE', `The provided entity name "${name}" does not match the regex: ${ENTITY_NAME_PATTERN.source}`);
  return undefined;
}

/** The compiled entity a request names, or the Forge error for a malformed or undeclared name. */
export function resolveEntity(entities: ReadonlyMap<string, CompiledEntity>, name: string): CompiledEntity {
  const problem = entityNameProblem(name);
  if (problem) throw problem;
  const entity = entities.get(name);
  if (!entity) throw schemaNotFound(name);
  return entity;
}

/** Whether a value fits an attribute type ([entities] "Values"). */
export function fitsType(type: AttributeType, value: unknown): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string' && value.trim().length > 0;
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value) && value >= INTEGER_MIN && value <= INTEGER_MAX;
    case 'float':
      return typeof value === 'number' && Number.isFinite(value) && (value === 0 || (Math.abs(value) >= FLOAT_MIN_MAGNITUDE && Math.abs(value) <= FLOAT_MAX_MAGNITUDE));
    case 'boolean':
      return typeof value === 'boolean';
    case 'any':
      return value !== null && value !== undefined;
  }
}

/**
 * Refuses an entity value Forge would refuse: not an object, an undeclared attribute, a value of the
 * wrong type ([probe] INCORRECT_PROPERTY_TYPE), or index values over their byte limits.
 */
export function checkEntityValue(entity: CompiledEntity, value: unknown): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new KvsError(400, 'INVALID_ENTITY_VALUE', `Entity values must be objects of the attributes declared for "${entity.name}".`);
  }
  for (const [attribute, attributeValue] of Object.entries(value)) {
    const type = entity.attributes.get(attribute);
    // Undocumented: Forge's "strictly enforces attribute types" is read as also refusing undeclared attributes.
    if (type === undefined) throw new KvsError(400, 'INVALID_ENTITY_VALUE', `Attribute "${attribute}" is not declared for entity "${entity.name}".`);
    if (!fitsType(type, attributeValue)) throw new KvsError(400, 'INCORRECT_PROPERTY_TYPE', `Data type for property "${attribute}" is defined as "${type}"`);
  }
  const record = value as Record<string, unknown>;
  for (const index of entity.indexes.values()) {
    if (index.range !== null && indexBytes(record[index.range]) > MAX_RANGE_VALUE_BYTES) {
      throw new KvsError(400, 'INVALID_ENTITY_VALUE', `The range value of index "${index.name}" exceeds ${MAX_RANGE_VALUE_BYTES} bytes.`);
    }
    const partitionBytes = index.partition.reduce((sum, attribute) => sum + indexBytes(record[attribute]), 0);
    if (partitionBytes > MAX_PARTITION_VALUE_BYTES) {
      throw new KvsError(400, 'INVALID_ENTITY_VALUE', `The partition values of index "${index.name}" exceed ${MAX_PARTITION_VALUE_BYTES} bytes.`);
    }
  }
}

/** Bytes an index value takes: UTF-8 for strings, the JSON text otherwise (Forge does not say how it counts). */
function indexBytes(value: unknown): number {
  if (value === undefined) return 0;
  return Buffer.byteLength(typeof value === 'string' ? value : JSON.stringify(value), 'utf8');
}

/**
 * The store's JSON file: read whole on start, written whole (temp file + rename, so a crash never
 * leaves half a file). Entries are `[key, item]` pairs, not object members, so no key can collide
 * with an object's own properties (`__proto__` is a valid Forge key).
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import type { StoredItem } from './items';

const itemSchema = z.object({
  value: z.unknown().refine((v) => v !== undefined && v !== null, 'value is missing'),
  createdAt: z.number(),
  updatedAt: z.number(),
  expireAt: z.number().optional(),
});
const entriesSchema = z.array(z.tuple([z.string(), itemSchema]));
const snapshotSchema = z.object({
  format: z.literal('lockstep-local-forge-kvs'),
  version: z.literal(1),
  kvs: entriesSchema,
  secrets: entriesSchema,
  entities: z.array(z.tuple([z.string(), entriesSchema])),
});

/** Everything the store holds, as written to its file. */
export interface Snapshot {
  kvs: Array<[string, StoredItem]>;
  secrets: Array<[string, StoredItem]>;
  entities: Array<[string, Array<[string, StoredItem]>]>;
}

/** Reads a snapshot; `undefined` when the file does not exist. Throws an `Error` naming the file when it is not one. */
export function readSnapshot(file: string): Snapshot | undefined {
  if (!existsSync(file)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (cause) {
    throw new Error(`Local Forge KVS file ${file} is corrupt: not JSON (${cause instanceof Error ? cause.message : String(cause)}). Move it away to start empty.`);
  }
  const result = snapshotSchema.safeParse(parsed);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue?.path.map(String).join('.') || '(top level)';
    throw new Error(`Local Forge KVS file ${file} is corrupt: ${where}: ${issue?.message ?? 'unexpected shape'}. Move it away to start empty.`);
  }
  const toItems = (entries: z.infer<typeof entriesSchema>): Array<[string, StoredItem]> =>
    entries.map(([key, item]) => [key, { value: item.value, createdAt: item.createdAt, updatedAt: item.updatedAt, ...(item.expireAt === undefined ? {} : { expireAt: item.expireAt }) }]);
  return {
    kvs: toItems(result.data.kvs),
    secrets: toItems(result.data.secrets),
    entities: result.data.entities.map(([name, entries]) => [name, toItems(entries)]),
  };
}

let tempCounter = 0;

/** Writes a snapshot atomically: a temp file beside the target, then a rename over it. */
export async function writeSnapshot(file: string, snapshot: Snapshot): Promise<void> {
  const text = JSON.stringify({ format: 'lockstep-local-forge-kvs', version: 1, ...snapshot });
  await mkdir(dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.${++tempCounter}.tmp`;
  try {
    // Owner-only: the file holds the installation's secrets.
    await writeFile(temp, text, { encoding: 'utf8', mode: 0o600 });
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/**
 * JobStore and TextStore over Forge KVS. A job is one record `job:<connection>:<id>`, with a marker
 * `job-open:<connection>:<id>` while it is unfinished so the tick finds stalled jobs without reading
 * finished ones. A text is cut into pieces small enough for a KVS value (240 KiB) and read back by batch.
 * Every record expires JOB_RETENTION_DAYS after its last write (docs/SECURITY.md): a job's record is
 * rewritten at every step, so only a job that finished (or was abandoned) that long ago lapses.
 */
import { kvs } from '@forge/kvs';
import { z } from 'zod';
import { Job, JOB_RETENTION_DAYS, isFinal, type JobStore, type TextStore } from '../../ports/jobs';
import { allWithPrefix } from './kvs-prefix';

/** Forge deletes the record by itself once this runs out; each write starts it again. */
const RETAIN = { ttl: { value: JOB_RETENTION_DAYS, unit: 'DAYS' } } as const;

const jobKey = (connectionId: string, id: string) => `job:${connectionId}:${id}`;
const openKey = (connectionId: string, id: string) => `job-open:${connectionId}:${id}`;

function readJob(key: string, value: unknown): Job | undefined {
  const parsed = Job.safeParse(value);
  if (!parsed.success) console.warn(`Skipping unreadable job record ${key}`);
  return parsed.success ? parsed.data : undefined;
}

export const kvsJobs: JobStore = {
  async get(connectionId, jobId) {
    const key = jobKey(connectionId, jobId);
    const value = await kvs.get<unknown>(key);
    return value === undefined ? undefined : readJob(key, value);
  },
  async put(job) {
    const valid = Job.parse(job);
    await kvs.set(jobKey(valid.connectionId, valid.id), valid, RETAIN);
    if (isFinal(valid.state)) await kvs.delete(openKey(valid.connectionId, valid.id));
    else await kvs.set(openKey(valid.connectionId, valid.id), { at: valid.updatedAt }, RETAIN);
  },
  async list(connectionId) {
    const found = (await allWithPrefix(`job:${connectionId}:`)).flatMap((r) => readJob(r.key, r.value) ?? []);
    return found.filter((j) => j.connectionId === connectionId).sort((a, b) => b.startedAt.localeCompare(a.startedAt) || b.id.localeCompare(a.id));
  },
  async listUnfinished(connectionId) {
    const out: Job[] = [];
    for (const marker of await allWithPrefix(connectionId === undefined ? 'job-open:' : `job-open:${connectionId}:`)) {
      const [connectionId, id] = splitOpenKey(marker.key);
      const job = connectionId && id ? await kvsJobs.get(connectionId, id) : undefined;
      if (job && !isFinal(job.state)) out.push(job);
    }
    return out;
  },
  async remove(connectionId, jobId) {
    await kvs.delete(jobKey(connectionId, jobId));
    await kvs.delete(openKey(connectionId, jobId));
  },
};

function splitOpenKey(key: string): [string | undefined, string | undefined] {
  const rest = key.slice('job-open:'.length);
  const at = rest.lastIndexOf(':');
  return at < 0 ? [undefined, undefined] : [rest.slice(0, at), rest.slice(at + 1)];
}

/** Characters per piece: even at 6 bytes a character (JSON-escaped control characters) a piece stays under 240 KiB. */
const PIECE = 32_000;
const BATCH = 25;
const Meta = z.object({ pieces: z.number().int().nonnegative(), length: z.number().int().nonnegative() });
const metaKey = (name: string) => `text:${name}:meta`;
const pieceKey = (name: string, i: number) => `text:${name}:${i}`;

async function meta(name: string): Promise<z.infer<typeof Meta> | undefined> {
  const parsed = Meta.safeParse(await kvs.get<unknown>(metaKey(name)));
  return parsed.success ? parsed.data : undefined;
}

async function writePieces(name: string, from: number, text: string): Promise<number> {
  const items: Array<{ key: string; value: string; options: typeof RETAIN }> = [];
  for (let i = 0; i < text.length; i += PIECE) items.push({ key: pieceKey(name, from + items.length), value: text.slice(i, i + PIECE), options: RETAIN });
  for (let i = 0; i < items.length; i += BATCH) {
    const result = await kvs.batchSet(items.slice(i, i + BATCH));
    if (result.failedKeys.length > 0) throw new Error(`Forge could not store ${result.failedKeys.length} piece(s) of ${name}: ${result.failedKeys[0]?.error.message ?? ''}`);
  }
  return items.length;
}

async function deletePieces(name: string, from: number, to: number): Promise<void> {
  for (let i = from; i < to; i++) await kvs.delete(pieceKey(name, i));
}

export const kvsTexts: TextStore = {
  async put(name, text) {
    const before = await meta(name);
    const pieces = await writePieces(name, 0, text);
    // The meta record is written last: a reader never sees pieces of a half-written text as whole.
    await kvs.set(metaKey(name), { pieces, length: text.length }, RETAIN);
    if (before && before.pieces > pieces) await deletePieces(name, pieces, before.pieces);
  },
  async append(name, text) {
    const before = (await meta(name)) ?? { pieces: 0, length: 0 };
    const added = await writePieces(name, before.pieces, text);
    const next = { pieces: before.pieces + added, length: before.length + text.length };
    await kvs.set(metaKey(name), next, RETAIN);
    return next.length;
  },
  async get(name) {
    const m = await meta(name);
    if (!m) return undefined;
    const parts: string[] = new Array<string>(m.pieces).fill('');
    for (let i = 0; i < m.pieces; i += BATCH) {
      const keys = Array.from({ length: Math.min(BATCH, m.pieces - i) }, (_, j) => ({ key: pieceKey(name, i + j) }));
      const result = await kvs.batchGet<string>(keys);
      for (const got of result.successfulKeys) parts[Number(got.key.slice(got.key.lastIndexOf(':') + 1))] = got.value;
    }
    const text = parts.join('');
    if (text.length !== m.length) throw new Error(`Stored text ${name} is incomplete: ${text.length} of ${m.length} characters`);
    return text;
  },
  async remove(name) {
    const m = await meta(name);
    await kvs.delete(metaKey(name));
    if (m) await deletePieces(name, 0, m.pieces);
  },
};

/**
 * Persistence of emulated sites: a JSON snapshot of every site's state (users and their API tokens, projects,
 * metadata, issues with properties and history, comments, attachments, links, and the id counters), restored
 * into a fresh emulator without firing product events. Bearer tokens, rate-limit windows, fault settings and the
 * event log belong to the running emulator, not to a site, and are not persisted.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { dirname } from 'node:path';
import type { Emulator } from './emulator';
import { EmulatorSnapshotSchema, SNAPSHOT_KIND, SNAPSHOT_VERSION, type EmulatorSnapshot } from './snapshot/schema';
import { integrityProblems } from './snapshot/check';
import { loadSiteSnapshot, siteToSnapshot } from './snapshot/convert';
import { isRecord } from './http/json';

export { SNAPSHOT_KIND, SNAPSHOT_VERSION, type EmulatorSnapshot, type SiteSnapshot } from './snapshot/schema';

/** A snapshot that cannot be read or restored; the message names what is wrong and where. */
export class SnapshotError extends Error {
  constructor(message: string, readonly problems: readonly string[] = [], options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SnapshotError';
  }
}

const MAX_LISTED = 10;

function fail(problems: string[]): never {
  const shown = problems.slice(0, MAX_LISTED).map((p) => `  - ${p}`).join('\n');
  const more = problems.length > MAX_LISTED ? `\n  ... and ${problems.length - MAX_LISTED} more` : '';
  throw new SnapshotError(`Invalid emulator snapshot (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${shown}${more}`, problems);
}

/** `['sites', 0, 'issues', 3, 'key']` → `sites[0] (alpha).issues[3].key`. */
function pathOf(path: readonly PropertyKey[], root: unknown): string {
  let out = '';
  path.forEach((part, i) => {
    out += typeof part === 'number' ? `[${part}]` : `${out === '' ? '' : '.'}${String(part)}`;
    if (i === 1 && path[0] === 'sites' && typeof part === 'number' && isRecord(root) && Array.isArray(root['sites'])) {
      const site: unknown = root['sites'][part];
      if (isRecord(site) && typeof site['name'] === 'string') out += ` (${site['name']})`;
    }
  });
  return out === '' ? '(root)' : out;
}

/** Validates an untrusted value as a snapshot: its kind and version, its shape, then every cross-reference. */
export function parseSnapshot(value: unknown): EmulatorSnapshot {
  if (!isRecord(value)) throw new SnapshotError('Invalid emulator snapshot: expected a JSON object.');
  if (value['kind'] !== SNAPSHOT_KIND) throw new SnapshotError(`Invalid emulator snapshot: kind is ${JSON.stringify(value['kind'])}, expected "${SNAPSHOT_KIND}".`);
  if (value['version'] !== SNAPSHOT_VERSION) throw new SnapshotError(`Unsupported emulator snapshot version ${JSON.stringify(value['version'])}: this emulator reads version ${SNAPSHOT_VERSION}.`);
  const parsed = EmulatorSnapshotSchema.safeParse(value);
  if (!parsed.success) fail(parsed.error.issues.map((issue) => `${pathOf(issue.path, value)}: ${issue.message}`));
  const problems = integrityProblems(parsed.data);
  if (problems.length > 0) fail(problems);
  return parsed.data;
}

/** Captures the state of the emulator's sites (all of them, or those named) as a JSON-serializable snapshot. */
export function snapshotSites(emulator: Emulator, siteNames?: readonly string[]): EmulatorSnapshot {
  const sites = (siteNames ?? [...emulator.sites.keys()]).map((name) => siteToSnapshot(emulator.site(name)));
  return { kind: SNAPSHOT_KIND, version: SNAPSHOT_VERSION, sites };
}

/**
 * Adds the snapshot's sites to `emulator`, exactly as they were. The snapshot is checked in full first, and the
 * emulator must not already have a site of the same name: on any error the emulator is left untouched.
 * Site base URLs follow the target emulator's origin.
 *
 * @throws SnapshotError naming what is wrong.
 */
export function restoreSites(emulator: Emulator, snapshot: unknown): void {
  const checked = parseSnapshot(snapshot);
  const clashes = checked.sites.filter((s) => emulator.sites.has(s.name)).map((s) => s.name);
  if (clashes.length > 0) throw new SnapshotError(`Cannot restore: the emulator already has site${clashes.length === 1 ? '' : 's'} ${clashes.map((n) => `'${n}'`).join(', ')}.`);
  for (const s of checked.sites) {
    // A new site starts with defaults (and allocates ids for them); the snapshot replaces all of it, counters included.
    loadSiteSnapshot(emulator.addSite({ name: s.name, customFields: [], users: [] }), s);
  }
}

/** Writes a snapshot atomically (temp file, fsync, rename), readable by the owner only: it holds API tokens. */
export function saveSnapshot(file: string, snapshot: EmulatorSnapshot): void {
  mkdirSync(dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    const fd = openSync(temp, 'wx', 0o600);
    try {
      writeSync(fd, JSON.stringify(snapshot) + '\n');
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

/** Reads and validates a snapshot file; undefined when there is no such file. */
export function loadSnapshot(file: string): EmulatorSnapshot | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new SnapshotError(`Emulator snapshot ${file} is not valid JSON: ${(error as Error).message}`, [], { cause: error });
  }
  try {
    return parseSnapshot(value);
  } catch (error) {
    if (error instanceof SnapshotError) throw new SnapshotError(`${file}: ${error.message}`, error.problems, { cause: error });
    throw error;
  }
}

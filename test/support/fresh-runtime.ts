/** A fresh local Forge runtime (empty KVS) per contract case, with alpha installed; all closed after the file's tests. */
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { ForgeRuntime } from '../../sandbox/forge/runtime';
import { sandboxEmulator } from './jira';

const root = join(import.meta.dirname, '..', '..');

/** Call at a test file's top level: registers the closing of every runtime it makes. */
export function freshRuntimes(): () => Promise<{ runtime: ForgeRuntime; within: <T>(fn: () => Promise<T>) => Promise<T> }> {
  const runtimes: ForgeRuntime[] = [];
  afterAll(async () => { for (const r of runtimes) await r.close(); });
  return async () => {
    const runtime = await ForgeRuntime.start({ emulator: sandboxEmulator(), root, log: () => undefined });
    runtime.install('alpha');
    runtimes.push(runtime);
    return { runtime, within: <T>(fn: () => Promise<T>) => runtime.runAs('alpha', fn) };
  };
}

/** Loads the function handlers manifest.yml names (`forge/index.onX` → export `onX` of `<src>/forge/index.ts`). */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { AppManifest } from './manifest';

export type Handler = (...args: unknown[]) => unknown;

export class HandlerLoader {
  private readonly modules = new Map<string, Promise<Record<string, unknown>>>();

  /** `srcDir` is the folder Forge bundles from (the app's `src/`). */
  constructor(private readonly manifest: AppManifest, private readonly srcDir: string) {}

  async handler(functionKey: string): Promise<Handler> {
    const fn = this.manifest.functions.get(functionKey);
    if (!fn) throw new Error(`No function '${functionKey}' in manifest.yml`);
    const dot = fn.handler.lastIndexOf('.');
    const file = fn.handler.slice(0, dot);
    const exportName = fn.handler.slice(dot + 1);
    const mod = await this.load(file);
    const handler = mod[exportName];
    if (typeof handler !== 'function') throw new Error(`Function '${functionKey}': ${file} has no exported function '${exportName}' (handler ${fn.handler})`);
    return handler as Handler;
  }

  /** Imports every handler once, so a broken export fails at startup rather than at the first event. */
  async preload(): Promise<void> {
    for (const key of this.manifest.functions.keys()) await this.handler(key);
  }

  private load(file: string): Promise<Record<string, unknown>> {
    let mod = this.modules.get(file);
    if (!mod) {
      const path = ['.ts', '.tsx', '.js', '.mjs'].map((ext) => join(this.srcDir, file + ext)).find((p) => existsSync(p));
      if (!path) throw new Error(`Handler module ${file} not found under ${this.srcDir}`);
      // A plain absolute path: both Node (via tsx) and Vitest's module runner resolve it.
      mod = import(path) as Promise<Record<string, unknown>>;
      this.modules.set(file, mod);
    }
    return mod;
  }
}

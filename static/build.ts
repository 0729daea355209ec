/**
 * Builds Lockstep's Custom UI apps into static/<app>/build (the manifest's resource paths).
 *
 *   node --import tsx static/build.ts            # all apps
 *   node --import tsx static/build.ts panel      # one app
 */
import { readdir, stat } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const STATIC_DIR = dirname(fileURLToPath(import.meta.url));

export const UI_APPS = ['settings', 'panel'] as const;
export type UiApp = (typeof UI_APPS)[number];

export interface BuiltFile {
  /** Path relative to the app's build directory. */
  file: string;
  bytes: number;
}

export interface BuiltApp {
  app: UiApp;
  outDir: string;
  files: BuiltFile[];
}

async function listFiles(dir: string): Promise<BuiltFile[]> {
  const out: BuiltFile[] = [];
  const walk = async (current: string): Promise<void> => {
    for (const entry of await readdir(current, { withFileTypes: true })) {
      const path = join(current, entry.name);
      if (entry.isDirectory()) await walk(path);
      else out.push({ file: relative(dir, path), bytes: (await stat(path)).size });
    }
  };
  await walk(dir);
  return out.sort((a, b) => a.file.localeCompare(b.file));
}

/** Builds one app with Vite's JS API; no vite.config file is read. */
export async function buildApp(app: UiApp): Promise<BuiltApp> {
  const root = resolve(STATIC_DIR, app);
  const outDir = resolve(root, 'build');
  await build({
    root,
    base: './', // Forge serves resources from a sub-path: asset URLs must be relative
    configFile: false,
    publicDir: resolve(root, 'public'), // panel/public/icon.svg → panel/build/icon.svg
    mode: 'production',
    build: {
      outDir,
      emptyOutDir: true,
      target: 'es2022',
      sourcemap: false,
      reportCompressedSize: false,
      chunkSizeWarningLimit: 1024,
    },
    esbuild: { jsx: 'automatic', jsxDev: false },
    // Some @atlaskit packages (modal-dialog's portal) nest their own react-dom 18, which crashes on React 19's internals: one copy only.
    resolve: { dedupe: ['react', 'react-dom'] },
    // Vitest sets NODE_ENV=test, which would otherwise leak into a development React build.
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    logLevel: 'warn',
  });
  return { app, outDir, files: await listFiles(outDir) };
}

/** Builds every Custom UI app (or the given ones), sequentially. */
export async function buildUi(apps: readonly UiApp[] = UI_APPS): Promise<BuiltApp[]> {
  const built: BuiltApp[] = [];
  for (const app of apps) built.push(await buildApp(app));
  return built;
}

function formatKiB(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}

async function main(argv: readonly string[]): Promise<void> {
  const unknown = argv.filter((a) => !(UI_APPS as readonly string[]).includes(a));
  if (unknown.length > 0) throw new Error(`Unknown app(s): ${unknown.join(', ')} (known: ${UI_APPS.join(', ')})`);
  const apps = argv.length > 0 ? (argv as UiApp[]) : UI_APPS;
  for (const built of await buildUi(apps)) {
    const total = built.files.reduce((sum, f) => sum + f.bytes, 0);
    console.log(`${relative(process.cwd(), built.outDir)}  (${formatKiB(total)})`);
    for (const f of built.files) console.log(`  ${f.file.padEnd(40)} ${formatKiB(f.bytes).padStart(10)}`);
  }
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}

/**
 * Serves a Custom UI resource folder below a frame's URL, as Forge's CDN does: only files inside the
 * folder, with their content types, and index.html with the bridge script put first in its <head>.
 */
import { readFile, realpath, stat } from 'node:fs/promises';
import { extname, isAbsolute, relative, resolve } from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
};

/** The content type Forge's CDN would send for a file name; unknown extensions are opaque bytes. */
export function contentTypeOf(file: string): string {
  return CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * Turns the still-encoded part of a URL after the frame prefix into a relative file path, or undefined
 * when it could leave the folder: `..`, `.`, empty segments, encoded slashes or backslashes, NUL, drive colons.
 */
export function resourcePathOf(encodedRest: string): string | undefined {
  const raw = encodedRest.startsWith('/') ? encodedRest.slice(1) : encodedRest;
  if (raw === '') return 'index.html';
  const segments: string[] = [];
  for (const part of raw.split('/')) {
    let segment: string;
    try { segment = decodeURIComponent(part); } catch { return undefined; }
    if (segment === '' || segment === '.' || segment === '..' || /[/\\\0:]/.test(segment)) return undefined;
    segments.push(segment);
  }
  return segments.join('/');
}

const inside = (dir: string, target: string): boolean => {
  const rel = relative(dir, target);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
};

/** Reads a file of the folder; undefined when it is missing, not a file, or (through a symlink) outside it. */
export async function readResourceFile(dir: string, relPath: string): Promise<Buffer | undefined> {
  try {
    const base = await realpath(dir);
    const target = resolve(base, relPath);
    if (!inside(base, target)) return undefined;
    const real = await realpath(target);
    if (!inside(base, real) || !(await stat(real)).isFile()) return undefined;
    return await readFile(real);
  } catch {
    return undefined;
  }
}

/** Puts `<script src>` first in <head>: a classic script runs before the app's module scripts, which are deferred. */
export function injectBridgeScript(html: string, scriptSrc: string): string {
  const tag = `<script src="${scriptSrc.replace(/[&"<>]/g, (c) => `&#${c.charCodeAt(0)};`)}"></script>`;
  const head = /<head(\s[^>]*)?>/i.exec(html);
  if (head) return html.slice(0, head.index + head[0].length) + tag + html.slice(head.index + head[0].length);
  const root = /<html(\s[^>]*)?>/i.exec(html);
  if (root) return html.slice(0, root.index + root[0].length) + `<head>${tag}</head>` + html.slice(root.index + root[0].length);
  return tag + html;
}

/** Whether a path names the folder's entry point, which gets the bridge script. */
export const isIndex = (relPath: string): boolean => relPath === 'index.html';

/** The folder a resource path of manifest.yml names, absolute. */
export function resourceDirOf(root: string, resourcePath: string): string {
  return resolve(root, resourcePath);
}

/**
 * Content-Security-Policy for host pages and Custom UI frames. Frames get a policy like Forge's: every
 * script, style, image and request stays inside the resource's own folder, unless manifest.yml's
 * `permissions.content` relaxes inline scripts or styles.
 */
import { z } from 'zod';

/** The CSP keywords manifest.yml may grant under `permissions.content`. */
export interface ContentPermissions {
  scripts: string[];
  styles: string[];
}

const Keyword = z.enum(['unsafe-inline', 'unsafe-eval', 'unsafe-hashes']);
const ManifestContent = z.object({
  permissions: z.object({
    content: z.object({ scripts: z.array(z.string()).optional(), styles: z.array(z.string()).optional() }).optional(),
  }).optional(),
});

/** Reads `permissions.content` from the raw manifest; unknown values are ignored, as a CSP keyword must be exact. */
export function contentPermissionsOf(rawManifest: unknown): ContentPermissions {
  const parsed = ManifestContent.safeParse(rawManifest);
  const content = parsed.success ? parsed.data.permissions?.content : undefined;
  const keep = (values: string[] | undefined): string[] => (values ?? []).filter((v) => Keyword.safeParse(v).success);
  return { scripts: keep(content?.scripts), styles: keep(content?.styles) };
}

/** The policy of a frame whose resource is served from `base` (absolute, ending in '/'). */
export function frameCsp(base: string, permissions: ContentPermissions): string {
  const quoted = (keywords: string[]): string => keywords.map((k) => ` '${k}'`).join('');
  return [
    "default-src 'none'",
    `script-src ${base}${quoted(permissions.scripts)}`,
    `style-src ${base}${quoted(permissions.styles)}`,
    `img-src ${base} data: blob:`,
    `font-src ${base} data:`,
    `connect-src ${base}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'self'",
  ].join('; ');
}

/** Host pages run no inline code at all: their one stylesheet and script are files of their own. */
export const HOST_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "frame-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

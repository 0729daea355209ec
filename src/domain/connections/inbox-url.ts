/**
 * Where Lockstep may send a partner's messages: only to a Forge web trigger, the one egress manifest.yml
 * declares (`*.hello.atlassian-dev.net`). A URL from an invitation code or a handshake is data a stranger
 * may have written, so it is checked before it is stored and again before anything is posted to it.
 */

/** Forge's web trigger host, e.g. `4a6d16a1-….hello.atlassian-dev.net` (manifest-reference/modules/web-trigger). */
const FORGE_WEBTRIGGER_HOST = /^[a-z0-9-]{1,63}\.hello\.atlassian-dev\.net$/;
/** Forge's web trigger path: `/x1/<id>`; the id is an opaque token of URL-safe characters. */
const WEBTRIGGER_PATH = /^\/x1\/[A-Za-z0-9_-]{8,128}$/;

/** Why `url` cannot be a partner inbox, or undefined when it is a Forge web trigger URL. */
export function forgeWebTriggerProblem(url: string): string | undefined {
  const parsed = parse(url);
  if (typeof parsed === 'string') return parsed;
  if (parsed.protocol !== 'https:') return 'it is not https';
  if (!FORGE_WEBTRIGGER_HOST.test(parsed.hostname) || parsed.port !== '') return `${parsed.host} is not a Forge web trigger host (*.hello.atlassian-dev.net)`;
  return shapeProblem(parsed);
}

/**
 * Why `url` cannot be a partner inbox here, or undefined when it can: a Forge web trigger URL, or a web
 * trigger on this installation's own origin (the local runtime serves every installation from one origin).
 */
export function partnerInboxProblem(url: string, ownInboxUrl: string | undefined): string | undefined {
  const forge = forgeWebTriggerProblem(url);
  if (forge === undefined || ownInboxUrl === undefined) return forge;
  const parsed = parse(url);
  const own = parse(ownInboxUrl);
  if (typeof parsed === 'string' || typeof own === 'string' || parsed.origin !== own.origin) return forge;
  return shapeProblem(parsed);
}

function parse(url: string): URL | string {
  if (url.length > 500) return 'it is longer than 500 characters';
  try {
    return new URL(url);
  } catch {
    return 'it is not a URL';
  }
}

/** Path only: no credentials, query or fragment, which a web trigger URL never has and a forged one could smuggle. */
function shapeProblem(url: URL): string | undefined {
  if (url.username !== '' || url.password !== '') return 'it carries credentials';
  if (url.search !== '' || url.hash !== '') return 'it has a query or fragment';
  if (!WEBTRIGGER_PATH.test(url.pathname)) return 'its path is not a web trigger path (/x1/<id>)';
  return undefined;
}

/** Debian's Chromium for Playwright: never a downloaded browser, and no background network on this closed machine. */
import { chromium, type Browser } from 'playwright-core';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** Polls `probe` every 100 ms until it returns something truthy; fails naming `what` after `timeoutMs`. */
export async function until<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs = 15_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Ada's REST client for a running sandbox site, with the API token the sandbox printed for it. */
export function sandboxRest(site: { baseUrl: string; email: string; apiToken: string }) {
  const auth = 'Basic ' + Buffer.from(`${site.email}:${site.apiToken}`).toString('base64');
  return async (method: string, path: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown> | undefined }> => {
    const res = await fetch(site.baseUrl + path, { method, headers: { Authorization: auth, Accept: 'application/json', ...(body ? { 'Content-Type': 'application/json' } : {}) }, ...(body ? { body: JSON.stringify(body) } : {}) });
    return { status: res.status, body: res.status === 204 ? undefined : ((await res.json()) as Record<string, unknown>) };
  };
}

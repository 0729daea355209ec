/**
 * The only door to @forge/bridge. Loaded lazily: the bridge throws while its modules evaluate
 * when no Jira host is around (local preview, tests), and a static import would take the whole
 * app down to a blank page before React renders anything. With a dynamic import that failure
 * becomes a rejected promise, which invokeResolver turns into an error state.
 */
import type { invoke as BridgeInvoke } from '@forge/bridge';

export type InvokeFn = typeof BridgeInvoke;

type BridgeModule = typeof import('@forge/bridge');

let bridge: Promise<BridgeModule> | undefined;

export function loadBridge(): Promise<BridgeModule> {
  bridge ??= import('@forge/bridge').catch((error: unknown) => {
    bridge = undefined; // let a Retry try again
    throw error;
  });
  return bridge;
}

export async function loadInvoke(): Promise<InvokeFn> {
  return (await loadBridge()).invoke;
}

/**
 * Opts into the host's light/dark theme: the host then sets the colour mode and token CSS
 * on this iframe, so every token('…') value follows Jira's theme. Failing outside Jira is fine:
 * the token fallbacks (light theme) apply.
 */
export async function enableHostTheme(): Promise<boolean> {
  try {
    await (await loadBridge()).view.theme.enable();
    return true;
  } catch {
    return false;
  }
}

/**
 * Copies text: the async Clipboard API first, then the old `execCommand('copy')` on a hidden textarea
 * (the API is missing on plain http and may be refused by the frame's permissions policy).
 */

export interface ClipboardEnv {
  /** navigator.clipboard.writeText, when the browser has it. */
  writeText?: (text: string) => Promise<void>;
  /** Copies through a selected element; false when the browser refuses. */
  execCopy: (text: string) => boolean;
}

/** True when the text reached the clipboard by either way. */
export async function copyText(text: string, env: ClipboardEnv): Promise<boolean> {
  if (env.writeText) {
    try {
      await env.writeText(text);
      return true;
    } catch {
      // Refused (permissions policy, no user activation): try the fallback.
    }
  }
  try {
    return env.execCopy(text);
  } catch {
    return false;
  }
}

/** The browser's clipboard; only call it in a browser. */
export function browserClipboard(): ClipboardEnv {
  const clipboard = typeof navigator !== 'undefined' ? navigator.clipboard : undefined;
  return {
    ...(clipboard && typeof clipboard.writeText === 'function' ? { writeText: (text: string) => clipboard.writeText(text) } : {}),
    execCopy: (text) => {
      const area = document.createElement('textarea');
      area.value = text;
      area.setAttribute('readonly', '');
      area.style.position = 'fixed';
      area.style.opacity = '0';
      const active = document.activeElement;
      document.body.appendChild(area);
      area.select();
      try {
        return document.execCommand('copy');
      } finally {
        area.remove();
        if (active instanceof HTMLElement) active.focus();
      }
    },
  };
}

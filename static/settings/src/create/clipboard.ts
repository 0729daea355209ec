/** Copies text: the async Clipboard API first, then (iframes may lack clipboard permission) selecting the field. */
export type CopyResult = 'copied' | 'selected';

export async function copyText(text: string, field: HTMLTextAreaElement | null): Promise<CopyResult> {
  try {
    await navigator.clipboard.writeText(text);
    return 'copied';
  } catch {
    // fall through to the selection fallback
  }
  if (!field) return 'selected';
  field.focus();
  field.select();
  try {
    // Deprecated but still the only synchronous copy where the Clipboard API is blocked.
    return document.execCommand('copy') ? 'copied' : 'selected';
  } catch {
    return 'selected';
  }
}

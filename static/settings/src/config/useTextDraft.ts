import { useState } from 'react';

/**
 * A text input over a config value that only takes valid text: what the user typed stays on screen
 * (even while invalid) until the config value changes under it (Discard, an applied fix).
 * `commit` stores valid text and returns the config value's new text, or null when the text is invalid.
 */
export function useTextDraft(value: string, commit: (text: string) => string | null): [string, (text: string) => void, boolean] {
  const [draft, setDraft] = useState<{ text: string; base: string; valid: boolean } | null>(null);
  const current = draft !== null && draft.base === value ? draft : null;
  const onChange = (text: string) => {
    const next = commit(text);
    setDraft({ text, base: next ?? value, valid: next !== null });
  };
  return [current?.text ?? value, onChange, current?.valid ?? true];
}

/** Progress of a background job in words, shared by the settings page and the issue panel. Pure. */

/** Seconds left as people say it: "less than a minute", "about 2 min", "about 1 h 5 min"; null when unknown. */
export function formatEta(seconds: number | null): string | null {
  if (seconds === null || !Number.isFinite(seconds) || seconds < 0) return null;
  if (seconds < 60) return 'less than a minute';
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `about ${minutes} min`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest === 0 ? `about ${hours} h` : `about ${hours} h ${rest} min`;
}

/** "120 of 500 done, about 2 min left"; "120 done" while the total is unknown; no time part until it can be told. */
export function progressText(done: number, total: number | null, etaSeconds: number | null): string {
  const count = total === null ? `${done.toLocaleString('en')} done` : `${done.toLocaleString('en')} of ${total.toLocaleString('en')} done`;
  const eta = formatEta(etaSeconds);
  return eta === null ? count : `${count}, ${eta} left`;
}

/** Whole percent done (0–100), or null while the total is unknown. */
export function percentDone(done: number, total: number | null): number | null {
  if (total === null) return null;
  if (total <= 0) return 100;
  return Math.max(0, Math.min(100, Math.floor((done / total) * 100)));
}

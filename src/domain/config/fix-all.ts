/**
 * "Apply all suggestions" after an import: every warning's fix, in order, then again for warnings the
 * fixes uncovered (a re-pointed select field's options are only checked once the field is found).
 */
import type { ProjectCatalog } from './catalog';
import { SyncConfig } from './schema';
import { configWarnings, type ConfigWarning } from './warnings';

/** Rounds of fixing; each round only applies fixes not tried before, so this is a safety bound. */
const MAX_ROUNDS = 5;

export interface FixAllResult {
  config: SyncConfig;
  /** Warnings whose fix was applied and that are gone afterwards. */
  applied: number;
  /** What is still wrong: warnings without a fix, and fixes that did not clear their warning. */
  left: ConfigWarning[];
}

export function applyAllSuggestions(config: SyncConfig, local: ProjectCatalog, partner: ProjectCatalog | null): FixAllResult {
  let current = config;
  const tried = new Set<string>();
  for (let round = 0; round < MAX_ROUNDS; round += 1) {
    // Fixes of one round are applied from the same list: each finds its entry again even after an
    // earlier fix changed it, and keeps what it knew when made (e.g. a restriction's issue type name).
    const fixable = configWarnings(current, local, partner).filter((w) => w.fix !== null && !tried.has(w.id));
    if (fixable.length === 0) break;
    for (const w of fixable) {
      tried.add(w.id);
      const next = w.fix!.apply(current);
      // A fix is meant to keep the configuration valid; one that does not is skipped, not trusted.
      if (next !== current && SyncConfig.safeParse(next).success) current = next;
    }
  }
  const left = configWarnings(current, local, partner);
  const leftIds = new Set(left.map((w) => w.id));
  let applied = 0;
  for (const id of tried) if (!leftIds.has(id)) applied += 1;
  return { config: current, applied, left };
}

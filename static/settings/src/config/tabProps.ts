/** What every tab of the configuration editor receives. */
import type { ProjectCatalog } from '../../../../src/domain/config/catalog';
import type { SyncConfig } from '../../../../src/domain/config/schema';
import type { ConfigWarning } from '../../../../src/domain/config/warnings';

export interface TabProps {
  /** The edited configuration (shared by all tabs). */
  config: SyncConfig;
  /** Changes the edited configuration; nothing is saved until Save. */
  update: (change: (config: SyncConfig) => SyncConfig) => void;
  local: ProjectCatalog;
  /** Null when the partner site could not be asked: pickers then offer the names the config already has. */
  partner: ProjectCatalog | null;
  /** Short names of the two projects, e.g. "SUP" and "DEV". */
  localName: string;
  partnerName: string;
  /** The warnings of the whole configuration; rows whose path has one are highlighted. */
  warnings: ConfigWarning[];
}

/** Whether any warning points inside `prefix` (e.g. `fields.3`). */
export function warnedAt(warnings: readonly ConfigWarning[], prefix: string): boolean {
  return warnings.some((w) => w.at === prefix || w.at.startsWith(`${prefix}.`));
}

/**
 * Reads `importSyncConfig`'s answer: problems to show, or a configuration (checked with the same zod
 * schema the editor loads with) to hand to the editor as unsaved changes.
 */
import { SyncConfig } from '../../../../src/domain/config/schema';
import { UiError } from '../../../shared/errors';
import type { ConfigProblem } from '../../../shared/types';
import { isConfigProblems } from './validate';

/** What the configuration editor receives from an import: a new `id` for every import. */
export interface ConfigDraft {
  id: number;
  config: SyncConfig;
  /** e.g. "Imported from SUP (with DEV on beta), exported 2026-11-21 10:02." */
  title: string;
  notes: string[];
}

export type ImportOutcome = { ok: true; config: SyncConfig; title: string; notes: string[] } | { ok: false; problems: ConfigProblem[] };

type Rec = Record<string, unknown>;
const isRecord = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);

function sourceTitle(source: unknown): string {
  if (!isRecord(source)) return 'Imported configuration.';
  const partner = isRecord(source['partner']) ? source['partner'] : {};
  const from = typeof source['projectKey'] === 'string' ? source['projectKey'] : 'another project';
  const withPartner = typeof partner['projectKey'] === 'string' ? ` (with ${partner['projectKey']}${typeof partner['site'] === 'string' ? ` on ${partner['site'] === 'same' ? 'the same site' : partner['site']}` : ''})` : '';
  const when = typeof source['exportedAt'] === 'string' ? formatWhen(source['exportedAt']) : null;
  return `Imported from ${from}${withPartner}${when ? `, exported ${when}` : ''}.`;
}

function formatWhen(iso: string): string | null {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date.toISOString().slice(0, 16).replace('T', ' ');
}

export function readImportResult(value: unknown): ImportOutcome {
  if (isRecord(value) && 'problems' in value) {
    if (!isConfigProblems(value['problems'])) throw new UiError(500, 'importSyncConfig returned an unexpected response.');
    return { ok: false, problems: value['problems'] };
  }
  if (!isRecord(value)) throw new UiError(500, 'importSyncConfig returned an unexpected response.');
  const config = SyncConfig.safeParse(value['config']);
  if (!config.success) throw new UiError(500, 'importSyncConfig returned a configuration this page cannot read.');
  const notes = Array.isArray(value['notes']) ? value['notes'].filter((n): n is string => typeof n === 'string') : [];
  return { ok: true, config: config.data, title: sourceTitle(value['source']), notes };
}

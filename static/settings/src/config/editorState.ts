/**
 * Pure pieces of the configuration editor's state: loading and checking resolver answers, whether
 * anything changed, list edits, and where a problem path belongs. No React here.
 */
import { ProjectCatalog } from '../../../../src/domain/config/catalog';
import { parseSyncConfig } from '../../../../src/domain/config/parse';
import { SyncConfig } from '../../../../src/domain/config/schema';
import { tabOfPath, type ConfigTab } from '../../../../src/domain/config/warnings';
import { UiError } from '../../../shared/errors';
import type { ConfigProblem, SaveConfigResult, SyncCatalogData, SyncConfigData } from '../../../shared/types';

export const TAB_LABELS: Record<ConfigTab, string> = {
  issueTypes: 'Issue types',
  fields: 'Fields',
  workflows: 'Workflows',
  comments: 'Comments',
  attachments: 'Attachments',
  links: 'Links',
  users: 'Users',
  filters: 'Filters',
  advanced: 'Advanced',
};

/** What the editor works on once both resolvers answered. */
export interface EditorData {
  config: SyncConfig;
  saved: boolean;
  local: ProjectCatalog;
  partner: ProjectCatalog | null;
  partnerError: string | null;
}

type Invoke = <T>(name: string, payload: Record<string, unknown>) => Promise<T>;

/** Loads the configuration and both catalogs in parallel and parses them; a malformed answer is a 500 UiError. */
export async function loadEditorData(invoke: Invoke, connectionId: string): Promise<EditorData> {
  const [configData, catalogData] = await Promise.all([
    invoke<SyncConfigData>('getSyncConfig', { connectionId }),
    invoke<SyncCatalogData>('getSyncCatalog', { connectionId }),
  ]);
  const config = SyncConfig.safeParse(configData?.config);
  const local = ProjectCatalog.safeParse(catalogData?.local);
  if (!config.success || typeof configData.saved !== 'boolean') throw new UiError(500, 'getSyncConfig returned an unexpected response.');
  if (!local.success) throw new UiError(500, 'getSyncCatalog returned an unexpected response.');
  // A partner catalog that does not parse is as good as none: say so and edit with the config's names.
  const partner = catalogData.partner === null ? null : ProjectCatalog.safeParse(catalogData.partner);
  const partnerError = typeof catalogData.partnerError === 'string' ? catalogData.partnerError : null;
  return {
    config: config.data,
    saved: configData.saved,
    local: local.data,
    partner: partner?.success ? partner.data : null,
    partnerError: partner && !partner.success ? 'The partner site sent a catalog this app cannot read.' : partnerError,
  };
}

/** Checks saveSyncConfig's answer: `{ saved: true, changes }` or `{ problems }`. */
export function readSaveResult(value: unknown): SaveConfigResult {
  if (typeof value === 'object' && value !== null) {
    const v = value as Record<string, unknown>;
    if (v['saved'] === true && Array.isArray(v['changes'])) return { saved: true, changes: v['changes'].filter((c): c is string => typeof c === 'string') };
    if (Array.isArray(v['problems'])) {
      const problems = v['problems'].flatMap((p: unknown): ConfigProblem[] => {
        if (typeof p !== 'object' || p === null) return [];
        const r = p as Record<string, unknown>;
        return typeof r['at'] === 'string' && typeof r['message'] === 'string' ? [{ at: r['at'], message: r['message'] }] : [];
      });
      return { problems };
    }
  }
  throw new UiError(500, 'saveSyncConfig returned an unexpected response.');
}

/** Structural equality of two JSON-like values (key order ignored). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** Problems the schema finds in the edited configuration, before anything is sent. */
export function clientProblems(config: SyncConfig): ConfigProblem[] {
  const result = parseSyncConfig(config);
  return result.ok ? [] : result.problems;
}

/** A problem with the tab it belongs to, for the problem list's "Go to" buttons. */
export function problemsWithTabs(problems: readonly ConfigProblem[]): Array<ConfigProblem & { tab: ConfigTab }> {
  return problems.map((p) => ({ ...p, tab: tabOfPath(p.at) }));
}

export function replaceAt<T>(list: readonly T[], index: number, item: T): T[] {
  return list.map((x, i) => (i === index ? item : x));
}

export function removeAt<T>(list: readonly T[], index: number): T[] {
  return list.filter((_, i) => i !== index);
}

/** Parses "image/*, application/pdf" into a list; `bad` names the entries that are not MIME patterns. */
export function parseMimeList(text: string): { types: string[]; bad: string[] } {
  const types = text.split(',').map((s) => s.trim()).filter((s) => s !== '');
  return { types, bad: types.filter((t) => !/^[\w.+-]+\/(\*|[\w.+-]+)$/.test(t)) };
}

export const MAX_MB = 2048;

/** Parses a size in MB into bytes, or null when it is not a positive number up to 2048. */
export function parseMegabytes(text: string): number | null {
  const mb = Number(text.trim());
  if (text.trim() === '' || !Number.isFinite(mb) || mb <= 0 || mb > MAX_MB) return null;
  const bytes = Math.round(mb * 1024 * 1024);
  return bytes > 0 ? bytes : null;
}

/** Reads a sync configuration from JSON (an import file or a stored record) into a result, never throwing. */
import { SyncConfig } from './schema';

export interface ConfigProblem {
  /** Where: `fields.2.direction`, or `line 4, column 12` for JSON syntax. */
  at: string;
  message: string;
}

export type ConfigResult = { ok: true; config: SyncConfig } | { ok: false; problems: ConfigProblem[] };

/** Parses JSON text; syntax errors name the line and column, schema errors the path and what was expected. */
export function parseSyncConfigText(text: string): ConfigResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, problems: [{ at: positionOf(text, error), message: 'not valid JSON' }] };
  }
  return parseSyncConfig(value);
}

export function parseSyncConfig(value: unknown): ConfigResult {
  const parsed = SyncConfig.safeParse(value);
  if (parsed.success) return { ok: true, config: parsed.data };
  return { ok: false, problems: parsed.error.issues.map((i) => ({ at: i.path.join('.') || '(root)', message: i.message })) };
}

/** V8 reports a JSON error's offset ("at position 42"); turn it into a line and column a person can find. */
function positionOf(text: string, error: unknown): string {
  const match = /position (\d+)/.exec(error instanceof Error ? error.message : '');
  if (!match) return 'end of input';
  const offset = Number(match[1]);
  const before = text.slice(0, offset).split('\n');
  return `line ${before.length}, column ${before[before.length - 1]!.length + 1}`;
}

import { describe, expect, it } from 'vitest';
import { UiError } from '../../../shared/errors';
import { readImportResult } from './importResult';

const config = {
  version: 1,
  local: { projectKey: 'SUP' },
  partner: { site: 'beta', projectKey: 'DEV' },
  issueTypes: [{ local: { id: '1', name: 'Bug' }, partner: { id: '2', name: 'Bug' } }],
  fields: [{ kind: 'system', field: 'summary', direction: 'both' }],
};

describe('readImportResult', () => {
  it('reads a configuration with where it came from', () => {
    const outcome = readImportResult({
      config,
      source: { projectKey: 'OLD', partner: { site: 'beta', projectKey: 'DEV' }, exportedAt: '2026-11-21T10:02:33Z' },
      notes: ['Ids are re-pointed by name.', 3],
    });
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.config.local.projectKey).toBe('SUP');
    expect(outcome.config.statuses).toEqual([]); // defaults filled in by the schema
    expect(outcome.title).toBe('Imported from OLD (with DEV on beta), exported 2026-11-21 10:02.');
    expect(outcome.notes).toEqual(['Ids are re-pointed by name.']);
  });

  it('passes problems on', () => {
    expect(readImportResult({ problems: [{ at: 'line 3', message: 'expected "version"' }] })).toEqual({
      ok: false,
      problems: [{ at: 'line 3', message: 'expected "version"' }],
    });
  });

  it('refuses answers it cannot read', () => {
    expect(() => readImportResult(null)).toThrow(UiError);
    expect(() => readImportResult({ problems: 'bad' })).toThrow(UiError);
    expect(() => readImportResult({ config: { version: 9 }, source: {}, notes: [] })).toThrow(UiError);
  });
});

import { describe, expect, it } from 'vitest';
import { ProjectCatalog } from '../../../../src/domain/config/catalog';
import { SyncConfig } from '../../../../src/domain/config/schema';
import { UiError } from '../../../shared/errors';
import { clientProblems, deepEqual, loadEditorData, parseMegabytes, parseMimeList, problemsWithTabs, readSaveResult } from './editorState';

const config = SyncConfig.parse({
  version: 1,
  local: { projectKey: 'SUP' },
  partner: { site: 'beta', projectKey: 'DEV' },
  issueTypes: [{ local: { id: '1', name: 'Bug' }, partner: { id: '2', name: 'Bug' } }],
  fields: [{ kind: 'system', field: 'summary', direction: 'both' }],
});
const catalog = (key: string) => ProjectCatalog.parse({ site: 'same', project: { key, name: key }, issueTypes: [], statuses: [], customFields: [] });

const fakeInvoke = (answers: Record<string, unknown>) => async <T,>(name: string): Promise<T> => answers[name] as T;

describe('loadEditorData', () => {
  it('loads the configuration and both catalogs', async () => {
    const data = await loadEditorData(fakeInvoke({ getSyncConfig: { config, saved: true }, getSyncCatalog: { local: catalog('SUP'), partner: catalog('DEV'), partnerError: null } }), 'c1');
    expect(data.saved).toBe(true);
    expect(data.partner?.project.key).toBe('DEV');
    expect(data.partnerError).toBeNull();
  });

  it('keeps editing possible without the partner catalog and says why', async () => {
    const data = await loadEditorData(fakeInvoke({ getSyncConfig: { config, saved: false }, getSyncCatalog: { local: catalog('SUP'), partner: null, partnerError: 'beta did not answer' } }), 'c1');
    expect(data.partner).toBeNull();
    expect(data.partnerError).toBe('beta did not answer');
    const unreadable = await loadEditorData(fakeInvoke({ getSyncConfig: { config, saved: true }, getSyncCatalog: { local: catalog('SUP'), partner: { nonsense: 1 }, partnerError: null } }), 'c1');
    expect(unreadable.partner).toBeNull();
    expect(unreadable.partnerError).toMatch(/cannot read/);
  });

  it('turns a malformed answer into a 500 UiError', async () => {
    const load = loadEditorData(fakeInvoke({ getSyncConfig: { config: { version: 2 }, saved: true }, getSyncCatalog: { local: catalog('SUP'), partner: null, partnerError: null } }), 'c1');
    await expect(load).rejects.toBeInstanceOf(UiError);
    await expect(load).rejects.toMatchObject({ status: 500 });
  });

  it('passes the connection id to both resolvers', async () => {
    const calls: Array<[string, unknown]> = [];
    const invoke = async <T,>(name: string, payload: Record<string, unknown>): Promise<T> => {
      calls.push([name, payload]);
      return (name === 'getSyncConfig' ? { config, saved: true } : { local: catalog('SUP'), partner: null, partnerError: null }) as T;
    };
    await loadEditorData(invoke, 'c7');
    expect(calls).toEqual([['getSyncConfig', { connectionId: 'c7' }], ['getSyncCatalog', { connectionId: 'c7' }]]);
  });
});

describe('readSaveResult', () => {
  it('reads both answers and refuses anything else', () => {
    expect(readSaveResult({ saved: true, changes: ['a'] })).toEqual({ saved: true, changes: ['a'] });
    expect(readSaveResult({ problems: [{ at: 'fields.0', message: 'bad' }, 'junk'] })).toEqual({ problems: [{ at: 'fields.0', message: 'bad' }] });
    expect(() => readSaveResult({ ok: 1 })).toThrow(UiError);
  });
});

describe('editor helpers', () => {
  it('compares configurations structurally', () => {
    expect(deepEqual(config, structuredClone(config))).toBe(true);
    expect(deepEqual(config, { ...config, comments: { ...config.comments, direction: 'none' } })).toBe(false);
    expect(deepEqual({ a: 1, b: undefined }, { a: 1 })).toBe(true);
  });

  it('finds schema problems before sending and maps them to tabs', () => {
    const twice = { ...config, issueTypes: [...config.issueTypes, ...config.issueTypes] };
    const problems = clientProblems(twice);
    expect(problems).toEqual([{ at: 'issueTypes.1', message: 'issue type Bug ↔ Bug is mapped twice' }]);
    expect(problemsWithTabs([{ at: 'statuses.0', message: 'x' }])[0]!.tab).toBe('workflows');
    expect(clientProblems(config)).toEqual([]);
  });

  it('parses MIME lists and sizes', () => {
    expect(parseMimeList(' image/*, application/pdf ,')).toEqual({ types: ['image/*', 'application/pdf'], bad: [] });
    expect(parseMimeList('image, text/plain').bad).toEqual(['image']);
    expect(parseMegabytes('10')).toBe(10 * 1024 * 1024);
    expect(parseMegabytes('0.5')).toBe(512 * 1024);
    expect(parseMegabytes('0')).toBeNull();
    expect(parseMegabytes('abc')).toBeNull();
    expect(parseMegabytes('5000')).toBeNull();
  });
});

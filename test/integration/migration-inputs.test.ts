/**
 * Bad migration input gets a clear error and changes nothing: configuration files (truncated, wrong
 * version, unknown field, another project) and pair files (truncated, duplicate pair, an issue that does
 * not exist, another project), each through the settings resolvers and the jobs queue.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kvsConnections } from '../../src/forge/adapters/kvs-connections';
import { kvsPairs } from '../../src/forge/adapters/kvs-pairs';
import { PEOPLE } from '../../sandbox/jira/sites';
import { startSyncHarness, type SyncHarness } from '../support/sync';

let h: SyncHarness;
let configText = '';
beforeAll(async () => {
  h = await startSyncHarness([{ id: 'sup-dev', a: { site: 'alpha', project: 'SUP' }, b: { site: 'beta', project: 'DEV' } }]);
  for (let i = 1; i <= 3; i++) await h.rest('alpha', 'ada')('POST', '/rest/api/3/issue', { fields: { project: { key: 'SUP' }, issuetype: { name: 'Task' }, summary: `Ticket ${i}` } });
  await h.settle();
  configText = (await settings('exportSyncConfig', { connectionId: 'sup-dev' })).text;
}, 60_000);
afterAll(async () => { await h?.close(); });

async function settings(functionKey: string, payload: Record<string, unknown>): Promise<any> {
  const accountId = PEOPLE.ada.accountId;
  const out = await h.runtime.invokeResolver({ site: 'alpha', moduleKey: 'lockstep-settings', accountId, functionKey, payload, context: { accountId, extension: { project: { key: 'SUP' } } } });
  if (out.status !== 'ok') throw out.error;
  return out.value;
}
const stored = async () => h.runtime.runAs('alpha', async () => ({
  config: await kvsConnections.config('sup-dev'),
  pairs: (await kvsPairs.list('sup-dev', { limit: 1000 })).pairs,
}));
const betaPairs = async () => h.runtime.runAs('beta', async () => (await kvsPairs.list('sup-dev', { limit: 1000 })).pairs);

describe('a bad configuration file is refused with the path and what was expected, and nothing is saved', () => {
  const edit = (fn: (doc: any) => void) => { const doc = JSON.parse(configText); fn(doc); return JSON.stringify(doc, null, 2); };
  it.each([
    ['truncated', () => configText.slice(0, Math.floor(configText.length / 2)), /ends early at line \d+/, /^line \d+/],
    ['wrong schema version', () => edit((d) => { d.version = 7; }), /version 7.*reads version 1/, /^version$/],
    ['unknown field kind', () => edit((d) => { d.config.fields[0].kind = 'magic'; }), /./, /^config\.fields\.0\.kind$/],
    ['a file of another project', () => edit((d) => { d.source.projectKey = 'ABC'; d.config.local.projectKey = 'ABC'; }), /ABC.*SUP/, /source/],
  ])('%s', async (_name, make, message, at) => {
    const before = await stored();
    const answer = await settings('importSyncConfig', { connectionId: 'sup-dev', text: make() });
    expect(answer.problems?.length, JSON.stringify(answer)).toBeGreaterThan(0);
    expect(answer.problems.some((p: any) => message.test(p.message) && at.test(p.at)), JSON.stringify(answer.problems)).toBe(true);
    expect(await stored()).toEqual(before);
  });
});

describe('a bad pair file changes nothing', () => {
  async function upload(text: string): Promise<string> {
    return (await settings('uploadPairFile', { connectionId: 'sup-dev', text })).uploadId;
  }
  async function preview(text: string) {
    const job = await settings('startPairPreview', { connectionId: 'sup-dev', source: { upload: await upload(text) } });
    await h.settle();
    return settings('getSyncJob', { connectionId: 'sup-dev', jobId: job.id });
  }
  const pairs = async () => (await stored()).pairs.map((p) => [p.localIssueKey, p.partnerIssueKey]).sort();

  it('truncated JSON: the job fails with the line, before anything is read or written', async () => {
    const before = await stored();
    const full = (await settings('exportPairs', { connectionId: 'sup-dev', format: 'json' })).text;
    const job = await preview(full.slice(0, full.length - 40));
    expect(job).toMatchObject({ state: 'failed', error: expect.stringMatching(/nothing was changed/) });
    expect(job.problems[0].message).toMatch(/ends early at line \d+/);
    expect(await stored()).toEqual(before);
  });

  it('a file of another project is refused as a whole', async () => {
    const before = await stored();
    const job = await preview('ABC-1,XYZ-1\nABC-2,XYZ-2\n');
    expect(job.state).toBe('failed');
    expect(job.problems.map((p: any) => p.message).join(' ')).toMatch(/not an issue of SUP or DEV/);
    expect(await stored()).toEqual(before);
  });

  it('a duplicate pair and an issue that does not exist show in the preview with their lines; applying is refused until confirmed', async () => {
    const before = await stored();
    const [p1] = before.pairs;
    const text = `local_key,partner_key\n${p1!.localIssueKey},${p1!.partnerIssueKey}\nSUP-999,DEV-1\nSUP-2,DEV-2\nSUP-2,DEV-2\n`;
    const job = await preview(text);
    expect(job.state).toBe('done');
    const page = await settings('getPairPreview', { connectionId: 'sup-dev', jobId: job.id });
    const byLine = Object.fromEntries(page.rows.map((r: any) => [r.line, r]));
    expect(byLine[2]).toMatchObject({ category: 'paired' });
    expect(byLine[3]).toMatchObject({ category: 'missing-local', reason: expect.stringMatching(/SUP-999 does not exist in SUP/) });
    expect(byLine[5]).toMatchObject({ category: 'conflict', reason: expect.stringMatching(/duplicate of line 4/) });
    const refused = await settings('startPairApply', { connectionId: 'sup-dev', previewJobId: job.id });
    expect(refused.error).toMatchObject({ status: 409, message: expect.stringMatching(/problem row/) });
    expect(await pairs()).toEqual(before.pairs.map((p) => [p.localIssueKey, p.partnerIssueKey]).sort());
    expect(await betaPairs()).toHaveLength(before.pairs.length);
  });

  it('a bad upload id or source is refused before a job starts', async () => {
    expect((await settings('startPairPreview', { connectionId: 'sup-dev', source: { upload: 'nope' } })).error).toMatchObject({ status: 409, message: expect.stringMatching(/no uploaded file/) });
    expect((await settings('startPairPreview', { connectionId: 'sup-dev', source: { match: 'sideways' } })).error).toMatchObject({ status: 409 });
    expect((await settings('startResync', { connectionId: 'sup-dev', jql: 'summary ~~ (', fields: ['summary'], direction: 'to-partner' })).error).toMatchObject({ status: 409, message: expect.stringMatching(/^jql: /) });
    expect((await settings('startResync', { connectionId: 'sup-dev', jql: '', fields: ['customfield_99999'], direction: 'to-partner' })).error).toMatchObject({ status: 409, message: expect.stringMatching(/not mapped/) });
  });
});

/**
 * The emulator reads a request body as JSON by its media type alone. It once matched "json" anywhere in the
 * Content-Type, so an attachment upload whose random multipart boundary contained "json" was parsed as
 * JSON and refused with a 400 (found by the soak: a parked attachment message).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { uploadAttachment } from '../../../src/jira/client';
import type { JiraTransport } from '../../../src/ports/jira';
import { sandboxEmulator } from '../../../test/support/jira';
import { isJsonMediaType } from './context';

afterEach(() => { vi.restoreAllMocks(); });

describe('isJsonMediaType', () => {
  it('reads the media type and ignores its parameters', () => {
    expect(isJsonMediaType('application/json')).toBe(true);
    expect(isJsonMediaType('Application/JSON; charset=UTF-8')).toBe(true);
    expect(isJsonMediaType('application/vnd.api+json')).toBe(true);
    expect(isJsonMediaType('multipart/form-data; boundary=lockstep-0jsonab')).toBe(false);
    expect(isJsonMediaType('text/plain')).toBe(false);
    expect(isJsonMediaType(null)).toBe(false);
  });
});

describe('an attachment upload whose boundary contains "json"', () => {
  it('is stored as a file, not refused as malformed JSON', async () => {
    const emulator = sandboxEmulator();
    const site = emulator.site('alpha');
    const auth = `Basic ${Buffer.from('ada@lockstep.test:ada-token').toString('base64')}`;
    const made = await emulator.fetch(new Request(`${site.baseUrl}/rest/api/3/issue`, {
      method: 'POST', headers: { Authorization: auth, 'Content-Type': 'application/json' },
      body: JSON.stringify({ fields: { project: { key: 'SUP' }, issuetype: { name: 'Task' }, summary: 'Upload target' } }),
    }));
    const issue = (await made.json()) as { id: string };
    const jira: JiraTransport = {
      requestJira: (r, init) => emulator.fetch(new Request(site.baseUrl + r.value, { ...init, headers: { ...init?.headers, Authorization: auth } })),
    };
    // uploadAttachment's boundary is `lockstep-` + Math.random() in base 36: 0.jsonab… makes it `lockstep-jsonab…`.
    vi.spyOn(Math, 'random').mockReturnValue(parseInt('jsonab', 36) / 36 ** 6);
    const file = await uploadAttachment(jira, issue.id, { filename: 'log.txt', mimeType: 'text/plain', bytes: new TextEncoder().encode('line one\n') });
    expect(site.attachments.get(file.id)).toMatchObject({ issueId: issue.id, filename: 'log.txt' });
  });
});

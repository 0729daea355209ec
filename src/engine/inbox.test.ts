/** The web trigger's shared checks refuse on the request's shape alone: no port is even built. */
import { describe, expect, it } from 'vitest';
import { bodyLimit, CHANGE_NOTICE } from '../domain/connections/body-limits';
import { Channel } from '../domain/connections/messages';
import { servePartnerRequest, type InboxDeps } from './inbox';

const untouchable: InboxDeps = {
  sync: () => { throw new Error('the sync ports were built'); },
  connections: () => { throw new Error('the connection ports were built'); },
};
const req = (method: string, headers: Record<string, string>, body: string) => ({ method, header: (n: string) => headers[n] ?? '', body });

describe('servePartnerRequest', () => {
  it('refuses every method but POST with 405', async () => {
    for (const method of ['GET', 'PUT', 'DELETE', 'HEAD', 'OPTIONS']) expect((await servePartnerRequest(untouchable, req(method, {}, ''))).status).toBe(405);
  });

  it('refuses an unknown channel with 400, without echoing it', async () => {
    const answer = await servePartnerRequest(untouchable, req('POST', { 'x-lockstep-channel': '<script>gossip' }, '{}'));
    expect(answer.status).toBe(400);
    expect(JSON.stringify(answer.body)).not.toContain('gossip');
  });

  it('refuses a body over each channel\'s limit with 413, by length alone', async () => {
    for (const channel of [...Object.values(Channel), CHANGE_NOTICE]) {
      const limit = bodyLimit(channel)!;
      const headers = channel ? { 'x-lockstep-channel': channel } : {};
      expect((await servePartnerRequest(untouchable, req('POST', headers, 'x'.repeat(limit + 1)))).status, channel).toBe(413);
      // Multi-byte characters count in bytes: fewer characters than the limit can still be too many bytes.
      expect((await servePartnerRequest(untouchable, req('POST', headers, 'é'.repeat(Math.floor(limit / 2) + 1)))).status, channel).toBe(413);
    }
  });
});

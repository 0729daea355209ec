import { describe, expect, it } from 'vitest';
import { forgeWebTriggerProblem, partnerInboxProblem } from './inbox-url';

const FORGE = 'https://4a6d16a1-bf25-4ddb-9a1a-3a781c11af3d.hello.atlassian-dev.net/x1/XUBR5WnG2Hk2V52APDdGaRSDm';

describe('forgeWebTriggerProblem', () => {
  it('accepts a Forge web trigger URL as Atlassian documents it', () => {
    expect(forgeWebTriggerProblem(FORGE)).toBeUndefined();
  });

  it.each([
    ['http://4a6d16a1.hello.atlassian-dev.net/x1/XUBR5WnG2Hk2V52APDdGaRSDm', 'not https'],
    ['https://evil.example/x1/XUBR5WnG2Hk2V52APDdGaRSDm', 'not a Forge web trigger host'],
    ['https://hello.atlassian-dev.net.evil.example/x1/XUBR5WnG2Hk2V52APDdGaRSDm', 'not a Forge web trigger host'],
    ['https://a.b.hello.atlassian-dev.net/x1/XUBR5WnG2Hk2V52APDdGaRSDm', 'not a Forge web trigger host'],
    ['https://4a6d16a1.hello.atlassian-dev.net:8443/x1/XUBR5WnG2Hk2V52APDdGaRSDm', 'not a Forge web trigger host'],
    ['https://user:pw@4a6d16a1.hello.atlassian-dev.net/x1/XUBR5WnG2Hk2V52APDdGaRSDm', 'credentials'],
    [`${FORGE}?next=https://evil.example`, 'query or fragment'],
    [`${FORGE}#frag`, 'query or fragment'],
    ['https://4a6d16a1.hello.atlassian-dev.net/x1/../admin', 'not a web trigger path'],
    ['https://4a6d16a1.hello.atlassian-dev.net/rest/api/3/myself', 'not a web trigger path'],
    ['not a url', 'not a URL'],
    [`https://4a6d16a1.hello.atlassian-dev.net/x1/${'a'.repeat(600)}`, 'longer than 500'],
  ])('refuses %s', (url, reason) => {
    expect(forgeWebTriggerProblem(url)).toContain(reason);
  });
});

describe('partnerInboxProblem', () => {
  const own = 'http://127.0.0.1:4180/x1/abcdefghijklmnop';

  it('accepts a web trigger on this installation\'s own origin (the local runtime) and any Forge one', () => {
    expect(partnerInboxProblem('http://127.0.0.1:4180/x1/qrstuvwxyz012345', own)).toBeUndefined();
    expect(partnerInboxProblem(FORGE, own)).toBeUndefined();
    expect(partnerInboxProblem(FORGE, undefined)).toBeUndefined();
  });

  it('refuses another origin, and a non-web-trigger path on its own origin', () => {
    expect(partnerInboxProblem('http://127.0.0.1:4181/x1/qrstuvwxyz012345', own)).toContain('not https');
    expect(partnerInboxProblem('http://127.0.0.1:4180/rest/api/3/myself', own)).toContain('not a web trigger path');
    expect(partnerInboxProblem('http://127.0.0.1:4180/x1/qrstuvwxyz012345?x=1', own)).toContain('query');
    expect(partnerInboxProblem('http://127.0.0.1:4180/x1/qrstuvwxyz012345', undefined)).toContain('not https');
  });
});

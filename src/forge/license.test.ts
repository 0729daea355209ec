/** The license wrappers, handed invocations as Forge would: what passes, what is refused and how. */
import { describe, expect, it } from 'vitest';
import { licensed, licensedResolver, licensedWebTrigger, licenseOf, panelAllowedUnlicensed, settingsAllowedUnlicensed } from './license';

const ACTIVE = { license: { active: true, isActive: true } };
const INACTIVE = { license: { active: false, isActive: false } };
const call = (functionKey: string, payload: unknown = {}) => ({ call: { functionKey, payload }, context: {} });

describe('licenseOf', () => {
  it('reads the context, and outside Forge (no runtime) finds no license', () => {
    expect(licenseOf(INACTIVE)).toBe('inactive');
    expect(licenseOf(ACTIVE)).toBe('active');
    expect(licenseOf({})).toBe('absent');
    expect(licenseOf(undefined)).toBe('absent');
  });
});

describe('licensedResolver', () => {
  const resolver = licensedResolver(async (invocation: { call: { functionKey: string } }) => ({ ran: invocation.call.functionKey }), settingsAllowedUnlicensed);

  it('runs every call while licensed or when Forge sends no license', async () => {
    expect(await resolver(call('saveSyncConfig'), ACTIVE)).toEqual({ ran: 'saveSyncConfig' });
    expect(await resolver(call('saveSyncConfig'), {})).toEqual({ ran: 'saveSyncConfig' });
  });

  it('while inactive, runs reads, exports, stops and deletions, and refuses the rest with a 402', async () => {
    for (const key of ['getSettings', 'exportPairs', 'deleteConnection', 'cancelSyncJob']) expect(await resolver(call(key), INACTIVE)).toEqual({ ran: key });
    expect(await resolver(call('setConnectionState', { connectionId: 'c', state: 'stopped' }), INACTIVE)).toEqual({ ran: 'setConnectionState' });
    for (const [key, payload] of [['setConnectionState', { state: 'running' }], ['saveSyncConfig', {}], ['aResolverAddedLater', {}]] as const) {
      expect(await resolver(call(key, payload), INACTIVE)).toEqual({ error: { status: 402, code: 'license-inactive', message: expect.stringContaining('view, export, stop or delete') } });
    }
    expect(panelAllowedUnlicensed('getIssueSync', {})).toBe(true);
    expect(panelAllowedUnlicensed('resyncIssue', {})).toBe(false);
  });
});

describe('licensedWebTrigger and licensed', () => {
  const inbox = licensedWebTrigger(async (_req: { headers: Record<string, string[]> }) => ({ statusCode: 202, headers: {}, body: 'ran' }));
  const request = (channel?: string) => ({ method: 'POST', headers: channel ? { 'x-lockstep-channel': [channel] } : {}, body: '{}' });

  it('while inactive, lets control messages and key rotations in and answers the rest 402', async () => {
    expect(await inbox(request('control'), INACTIVE)).toMatchObject({ statusCode: 202 });
    expect(await inbox(request('rotate'), INACTIVE)).toMatchObject({ statusCode: 202 });
    for (const channel of [undefined, 'handshake', 'catalog']) {
      const answer = await inbox(request(channel), INACTIVE);
      expect(answer.statusCode).toBe(402);
      expect(JSON.parse(answer.body)).toEqual({ error: expect.stringContaining('license on this site is not active') });
    }
    expect(await inbox(request(), ACTIVE)).toMatchObject({ statusCode: 202 });
  });

  it('runs a background handler, or its stand-in while inactive', async () => {
    const consumer = licensed(async (event: { n: number }) => ({ done: event.n }), () => ({ skipped: 'license-inactive' }));
    expect(await consumer({ n: 1 }, ACTIVE)).toEqual({ done: 1 });
    expect(await consumer({ n: 1 }, INACTIVE)).toEqual({ skipped: 'license-inactive' });
  });
});

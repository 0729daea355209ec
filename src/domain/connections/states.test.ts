import { describe, expect, it } from 'vitest';
import { CONNECTION_STATES, TRANSITIONS, checkTransition, isAwaitingPartner, PENDING_PARTNER } from './states';

describe('connection states', () => {
  it('allows exactly the documented transitions', () => {
    const allowed = CONNECTION_STATES.flatMap((from) => CONNECTION_STATES.filter((to) => from !== to && checkTransition(from, to, true).ok).map((to) => `${from}→${to}`));
    expect(allowed.sort()).toEqual(['draft→running', 'paused→running', 'paused→stopped', 'running→paused', 'running→stopped', 'stopped→running']);
    expect(Object.keys(TRANSITIONS).sort()).toEqual([...CONNECTION_STATES].sort());
  });

  it('treats asking for the current state as allowed and changing nothing', () => {
    expect(checkTransition('paused', 'paused', true)).toEqual({ ok: true, changes: false });
  });

  it('refuses to start a connection whose partner has not accepted yet, and says why', () => {
    expect(checkTransition('draft', 'running', false)).toMatchObject({ ok: false, message: expect.stringContaining('waiting for its partner') });
    expect(checkTransition('stopped', 'draft', true)).toEqual({ ok: false, message: 'A stopped connection cannot become draft; it can become running.' });
  });

  it('knows an invitation that is still awaiting its partner', () => {
    expect(isAwaitingPartner({ partnerSite: PENDING_PARTNER, partnerProject: PENDING_PARTNER })).toBe(true);
    expect(isAwaitingPartner({ partnerSite: 'https://beta.example', partnerProject: 'DEV' })).toBe(false);
  });
});

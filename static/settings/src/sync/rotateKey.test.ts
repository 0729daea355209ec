import { describe, expect, it } from 'vitest';
import type { RotatedKeyData } from '../../../shared/types';
import { canRotate, rotateQuestion, rotationOutcome } from './rotateKey';

const cross = { partnerSite: 'beta', partnerProject: 'DEV' };
const rotated: RotatedKeyData = {
  connectionId: 'c1',
  switched: true,
  rotatedAt: '2026-03-10T11:00:00.000Z',
  previousKeyAcceptedUntil: '2026-03-10T12:00:00.000Z',
  partner: { notified: true },
};
const iso = (value: string) => value;

describe('rotate signing key', () => {
  it('is offered once a partner is linked', () => {
    expect(canRotate(cross)).toBe(true);
    expect(canRotate({ partnerSite: 'same', partnerProject: 'OPS' })).toBe(true);
    expect(canRotate({ partnerSite: 'pending', partnerProject: 'pending' })).toBe(false);
  });

  it('asks in two sentences naming the partner', () => {
    expect(rotateQuestion(cross)).toBe(
      'Lockstep makes a new key to sign the messages of this sync, and DEV on beta switches to it too. Messages already on their way keep working: the old key is still accepted for a grace period.',
    );
    expect(rotateQuestion({ partnerSite: 'same', partnerProject: 'OPS' })).toContain('OPS on this site switches to it too');
  });

  it('says when the new key took over and when the old one stops', () => {
    expect(rotationOutcome(rotated, cross, iso)).toEqual({
      appearance: 'success',
      lines: ['The new key has been in use since 2026-03-10T11:00:00.000Z.', 'The old key is accepted until 2026-03-10T12:00:00.000Z.'],
    });
  });

  it('warns when the partner did not confirm', () => {
    const outcome = rotationOutcome({ ...rotated, partner: { notified: false, reason: 'beta did not answer' } }, cross, iso);
    expect(outcome.appearance).toBe('warning');
    expect(outcome.lines[2]).toBe('DEV on beta has not confirmed the switch (beta did not answer); it switches with the next message this site sends.');
  });
});

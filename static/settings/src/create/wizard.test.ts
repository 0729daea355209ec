import { describe, expect, it } from 'vitest';
import { invitationCodeProblem, nextStep, normalizeInvitationCode, previousStep, projectOptions } from './wizard';

describe('wizard steps', () => {
  it('goes forward by choice and back one step', () => {
    expect(nextStep('where', 'same')).toEqual({ step: 'same-site' });
    expect(nextStep('where', 'other')).toEqual({ step: 'other-site' });
    expect(nextStep('other-site', 'invite')).toEqual({ step: 'invite' });
    expect(nextStep('other-site', 'paste')).toEqual({ step: 'paste' });
    expect(previousStep('paste')).toEqual({ step: 'other-site' });
    expect(previousStep('same-site')).toEqual({ step: 'where' });
    expect(previousStep('where')).toBeNull();
  });
});

describe('invitation codes', () => {
  it('drops whitespace a copy across mail adds', () => {
    expect(normalizeInvitationCode(' LSI1abc\n def \t')).toBe('LSI1abcdef');
  });

  it('asks for a code until one is pasted', () => {
    expect(invitationCodeProblem('  \n')).toBe('Paste the invitation code from the other site.');
    expect(invitationCodeProblem('LSI1abc')).toBeNull();
  });
});

describe('projectOptions', () => {
  it('labels projects by name and key, sorted by name', () => {
    expect(projectOptions({ projects: [{ key: 'OPS', name: 'Operations' }, { key: 'DEV', name: 'Development' }] })).toEqual([
      { label: 'Development (DEV)', value: 'DEV' },
      { label: 'Operations (OPS)', value: 'OPS' },
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { errorActionLabel, errorDirectionLabel, kindLabel, retryAllOutcome } from './errorRows';

describe('error rows', () => {
  it('labels directions and kinds', () => {
    expect(errorDirectionLabel('in')).toBe('From partner');
    expect(errorDirectionLabel('out')).toBe('To partner');
    expect(kindLabel('comment')).toBe('Comment');
    expect(kindLabel('')).toBe('Change');
  });

  it('names row buttons after the issue', () => {
    expect(errorActionLabel('retry', { issueKey: 'DEV-12', kind: 'comment', direction: 'in' })).toBe(
      'Retry the comment change of DEV-12 from partner',
    );
    expect(errorActionLabel('skip', { issueKey: 'SUP-3', kind: 'issue', direction: 'out' })).toBe('Skip the issue change of SUP-3 to partner');
  });

  it('sums up Retry all', () => {
    expect(retryAllOutcome({ retried: 0 })).toEqual({ appearance: 'info', title: 'Nothing to retry.' });
    expect(retryAllOutcome({ retried: 3 })).toEqual({
      appearance: 'success',
      title: '3 changes queued again.',
      description: 'They apply in the background; refresh in a moment to see what is left.',
    });
    expect(retryAllOutcome({ retried: 1 }).title).toBe('1 change queued again.');
  });
});

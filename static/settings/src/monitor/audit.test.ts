import { describe, expect, it } from 'vitest';
import type { AuditRow } from '../../../shared/types';
import { actionLabel, actorLabel, categoryOf, filterAudit } from './audit';

const row = (patch: Partial<AuditRow>): AuditRow => ({
  connectionId: 'c1',
  at: '2026-03-10T11:00:00Z',
  actor: 'lockstep',
  action: 'issue.created',
  target: 'DEV-221',
  detail: 'Created from SUP-12.',
  ...patch,
});

const rows = [
  row({}),
  row({ action: 'config.changed', actor: 'acc-ada', actorName: 'Ada Lovelace', target: null, detail: 'Priority now syncs both ways.' }),
  row({ action: 'comment.created', target: 'DEV-222', detail: 'Comment from SUP-13.' }),
  row({ action: 'message.parked', target: 'SUP-14', detail: 'Field "Team" is not on the screen.' }),
  row({ action: 'connection.state', actor: 'acc-omar', detail: 'running → paused.' }),
];

describe('labels', () => {
  it('names actions for people, and shows unknown ones as recorded', () => {
    expect(actionLabel('config.changed')).toBe('Configuration changed');
    expect(actionLabel('issue.created')).toBe('Issue created');
    expect(actionLabel('future.thing')).toBe('future.thing');
  });

  it('names the app, a known person, or the account id', () => {
    expect(actorLabel({ actor: 'lockstep' })).toBe('Lockstep');
    expect(actorLabel({ actor: 'acc-ada', actorName: 'Ada Lovelace' })).toBe('Ada Lovelace');
    expect(actorLabel({ actor: 'acc-omar' })).toBe('acc-omar');
  });

  it('files actions under their category', () => {
    expect(categoryOf('attachment.deleted')).toBe('attachment');
    expect(categoryOf('message.skipped')).toBe('message');
    expect(categoryOf('all.things')).toBeNull();
    expect(categoryOf('weird')).toBeNull();
  });
});

describe('filterAudit', () => {
  it('keeps everything with no filter', () => {
    expect(filterAudit(rows, { text: '', category: 'all' })).toHaveLength(5);
  });

  it('filters by category', () => {
    expect(filterAudit(rows, { text: '', category: 'config' }).map((r) => r.action)).toEqual(['config.changed']);
    expect(filterAudit(rows, { text: '', category: 'message' }).map((r) => r.target)).toEqual(['SUP-14']);
    expect(filterAudit(rows, { text: '', category: 'link' })).toEqual([]);
  });

  it('matches every word in target, detail or actor, ignoring case', () => {
    expect(filterAudit(rows, { text: 'dev-222', category: 'all' }).map((r) => r.action)).toEqual(['comment.created']);
    expect(filterAudit(rows, { text: 'ada priority', category: 'all' }).map((r) => r.action)).toEqual(['config.changed']);
    expect(filterAudit(rows, { text: 'lockstep sup-1', category: 'all' })).toHaveLength(3);
    expect(filterAudit(rows, { text: 'ada', category: 'issue' })).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { ExpressionError, matchesFilter, parseExpression } from './expression';

const event = { eventType: 'avi:jira:updated:issue', issue: { key: 'SUP-7', fields: { issueType: { name: 'Bug' }, labels: ['vip', 'sso'], priority: null, votes: 3 } } };
const check = (src: string) => matchesFilter(parseExpression(src), event);

describe('trigger filter expressions', () => {
  it('evaluates the Jira expression subset Forge filters use', () => {
    expect(check("event.issue.fields?.issueType.name == 'Bug'")).toBe(true);
    expect(check("event.issue.fields.issueType.name != 'Bug' || event.issue.key == \"SUP-7\"")).toBe(true);
    expect(check("event.issue.fields.labels.includes('vip') && event.issue.fields.votes >= 3")).toBe(true);
    expect(check('!(event.issue.fields.labels.length > 1)')).toBe(false);
    expect(check('event.issue.fields.priority?.name == null')).toBe(true);
    expect(check('event.issue.fields.labels[1] == "sso"')).toBe(true);
  });
  it('fails evaluation, rather than guessing, on null access, non-booleans and mixed comparisons', () => {
    expect(() => check('event.issue.fields.priority.name == null')).toThrow(ExpressionError);
    expect(() => check('event.issue.key')).toThrow(/expected a boolean/);
    expect(() => check("event.issue.fields.votes > 'a'")).toThrow(/cannot compare/);
    expect(() => check('issue.key == 1')).toThrow(/unknown variable/);
  });
  it('refuses syntax outside the subset with the position', () => {
    expect(() => parseExpression('event.issue.key = 1')).toThrow(/unexpected '=' at 16/);
    expect(() => parseExpression("event.issue.key == 'open")).toThrow(/unterminated string/);
    expect(() => parseExpression('event.x.map(y => y)')).toThrow(ExpressionError);
  });
});

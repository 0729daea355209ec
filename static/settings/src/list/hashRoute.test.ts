import { describe, expect, it } from 'vitest';
import { formatRoute, parseRoute } from './hashRoute';

describe('hash route', () => {
  it('reads the list, a sync and its tab', () => {
    expect(parseRoute('')).toEqual({ view: 'list' });
    expect(parseRoute('#')).toEqual({ view: 'list' });
    expect(parseRoute('#sync=c1&tab=health')).toEqual({ view: 'sync', syncId: 'c1', tab: 'health' });
    expect(parseRoute('sync=c1')).toEqual({ view: 'sync', syncId: 'c1', tab: 'configuration' });
    expect(parseRoute('#sync=c1&tab=migration')).toEqual({ view: 'sync', syncId: 'c1', tab: 'migration' });
  });

  it('falls back to the first tab for an unknown one', () => {
    expect(parseRoute('#sync=c1&tab=nope')).toEqual({ view: 'sync', syncId: 'c1', tab: 'configuration' });
  });

  it('round-trips, escaping odd ids', () => {
    const route = { view: 'sync', syncId: 'a b&c', tab: 'audit' } as const;
    expect(parseRoute(formatRoute(route))).toEqual(route);
    expect(formatRoute({ view: 'sync', syncId: 'c1', tab: 'errors' })).toBe('#sync=c1&tab=errors');
    expect(formatRoute({ view: 'list' })).toBe('');
  });
});

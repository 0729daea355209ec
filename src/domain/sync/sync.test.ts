import { describe, expect, it } from 'vitest';
import { parseSyncConfig } from '../config/parse';
import type { SyncConfig } from '../config/schema';
import { outgoingChanges } from './changes';
import { incomingWins } from './conflict';

const config = (() => {
  const r = parseSyncConfig({
    version: 1, local: { projectKey: 'SUP' }, partner: { site: 'beta', projectKey: 'DEV' },
    issueTypes: [{ local: { id: '1', name: 'Bug' }, partner: { id: '2', name: 'Bug' } }],
    fields: [
      { kind: 'system', field: 'summary', direction: 'both' },
      { kind: 'system', field: 'priority', direction: 'from-partner' },
      { kind: 'custom', type: 'number', local: { id: 'customfield_10011', name: 'Story Points' }, partner: { id: 'customfield_10201', name: 'Points' }, direction: 'to-partner' },
    ],
    statuses: [{ local: { id: '3', name: 'Open' }, partner: { id: '4', name: 'To Do' } }],
  });
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.config;
})();

describe('outgoing changes', () => {
  it('are the mapped fields the changelog names, that this side sends, once each', () => {
    const items = [
      { fieldId: 'summary', field: 'summary', from: null, to: null },
      { fieldId: 'priority', field: 'priority', from: '3', to: '1' },
      { fieldId: 'customfield_10011', field: 'Story Points', from: null, to: '5' },
      { fieldId: 'labels', field: 'labels', from: null, to: null },
      { fieldId: 'summary', field: 'summary', from: null, to: null },
      { fieldId: 'status', field: 'status', from: '3', to: '5' },
    ];
    expect(outgoingChanges(config, items).map((c) => (c.kind === 'status' ? 'status' : c.mapping.kind === 'system' ? c.mapping.field : c.mapping.local.name))).toEqual(['summary', 'Story Points', 'status']);
  });
  it('are none when only unmapped fields changed, and carry no status without status mappings', () => {
    const noStatuses: SyncConfig = { ...config, statuses: [] };
    expect(outgoingChanges(noStatuses, [{ fieldId: 'status', field: 'status' }, { fieldId: 'labels', field: 'labels' }])).toEqual([]);
  });
});

describe('field conflicts', () => {
  it('let the newer change of the field win, whichever side it came from', () => {
    expect(incomingWins({ changedAt: 1000, site: 'alpha' }, { changedAt: 2000, site: 'beta' })).toBe(true);
    expect(incomingWins({ changedAt: 3000, site: 'alpha' }, { changedAt: 2000, site: 'beta' })).toBe(false);
    expect(incomingWins(undefined, { changedAt: 1, site: 'beta' })).toBe(true);
  });
  it('break a tie the same way on both sites, so both converge', () => {
    const a = { changedAt: 5000, site: 'alpha' };
    const b = { changedAt: 5000, site: 'beta' };
    // On beta, alpha's change arrives against beta's own: alpha wins. On alpha, beta's arrives: it loses.
    expect(incomingWins(b, a)).toBe(true);
    expect(incomingWins(a, b)).toBe(false);
  });
  it('let a later message from the same side replace its earlier value, even in the same millisecond', () => {
    // Messages apply in sequence order, so the one arriving now is the side's latest word on the field.
    expect(incomingWins({ changedAt: 5000, site: 'beta' }, { changedAt: 5000, site: 'beta' })).toBe(true);
    expect(incomingWins({ changedAt: 5000, site: 'beta' }, { changedAt: 5001, site: 'beta' })).toBe(true);
    // The tie-break between sides does not apply: 'zeta' would lose a tie against any other side.
    expect(incomingWins({ changedAt: 5000, site: 'zeta' }, { changedAt: 5000, site: 'zeta' })).toBe(true);
  });
  it('resolve every same-millisecond tie between two sides to one winner, whichever side computes it', () => {
    const sides = ['alpha', 'beta', 'SUP', 'DEV', 'sup', 'alpha-2'];
    for (const x of sides) {
      for (const y of sides) {
        if (x === y) continue;
        const onY = incomingWins({ changedAt: 7000, site: y }, { changedAt: 7000, site: x }); // x's change arrives at y
        const onX = incomingWins({ changedAt: 7000, site: x }, { changedAt: 7000, site: y }); // y's change arrives at x
        // Exactly one side adopts the other's value, so both end with the same one.
        expect({ x, y, adopted: [onY, onX].filter(Boolean).length }).toEqual({ x, y, adopted: 1 });
        const kept = onY ? x : y;
        expect(onX ? y : x).toBe(kept);
      }
    }
  });
});

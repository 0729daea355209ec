import { describe, expect, it } from 'vitest';
import { directionSummary } from './direction';

const config = (...directions: Array<'both' | 'to-partner' | 'from-partner'>) => ({ partner: { projectKey: 'DEV' }, fields: directions.map((direction) => ({ direction })) });

describe('directionSummary', () => {
  it('names the way most fields flow, then the exceptions', () => {
    expect(directionSummary(config('both', 'both'))).toBe('Both ways');
    expect(directionSummary(config('to-partner'))).toBe('To DEV only');
    expect(directionSummary(config('both', 'both', 'to-partner', 'from-partner', 'from-partner'))).toBe('Both ways · 2 fields from DEV only · 1 field to DEV only');
    expect(directionSummary(config())).toBe('No fields mapped');
  });
});

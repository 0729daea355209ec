/** What a mapping's direction means for each side: whether this side sends a change, and whether it accepts one. */
import type { Direction } from './schema';

export const sends = (d: Direction | 'none'): boolean => d === 'both' || d === 'to-partner';
export const receives = (d: Direction | 'none'): boolean => d === 'both' || d === 'from-partner';

/** The same rule seen from the partner's side. */
export function mirror<D extends Direction | 'none'>(d: D): D {
  return (d === 'to-partner' ? 'from-partner' : d === 'from-partner' ? 'to-partner' : d) as D;
}

/** One line for the sync list: which way fields flow, e.g. "Both ways" or "Both ways · 2 fields to DEV only". */
export function directionSummary(config: { partner: { projectKey: string }; fields: ReadonlyArray<{ direction: Direction }> }): string {
  const p = config.partner.projectKey;
  const count = (d: Direction) => config.fields.filter((f) => f.direction === d).length;
  const label: Record<Direction, string> = { both: 'both ways', 'to-partner': `to ${p} only`, 'from-partner': `from ${p} only` };
  const order = (['both', 'to-partner', 'from-partner'] as const).filter((d) => count(d) > 0).sort((a, b) => count(b) - count(a));
  const [main, ...rest] = order;
  if (main === undefined) return 'No fields mapped';
  const head = label[main].charAt(0).toUpperCase() + label[main].slice(1);
  return [head, ...rest.map((d) => `${count(d)} field${count(d) === 1 ? '' : 's'} ${label[d]}`)].join(' · ');
}

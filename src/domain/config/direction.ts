/** What a mapping's direction means for each side: whether this side sends a change, and whether it accepts one. */
import type { Direction } from './schema';

export const sends = (d: Direction | 'none'): boolean => d === 'both' || d === 'to-partner';
export const receives = (d: Direction | 'none'): boolean => d === 'both' || d === 'from-partner';

/** The same rule seen from the partner's side. */
export function mirror<D extends Direction | 'none'>(d: D): D {
  return (d === 'to-partner' ? 'from-partner' : d === 'from-partner' ? 'to-partner' : d) as D;
}

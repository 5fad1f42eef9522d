// Sorting for the orderBy arguments the simulator honours.
import type { Args } from '../connection.js';

type Keyed<T> = Record<string, (item: T) => string | number>;

/** Sorts a copy of `items` per `args.orderBy` ({ field, direction }); unknown fields keep the given order. */
export function ordered<T>(items: readonly T[], args: Args, keys: Keyed<T>): T[] {
  const orderBy = args.orderBy as { field?: string; direction?: string } | undefined;
  const key = orderBy?.field ? keys[orderBy.field] : undefined;
  if (!key) return [...items];
  const sign = orderBy?.direction === 'DESC' ? -1 : 1;
  return [...items].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    return (ka < kb ? -1 : ka > kb ? 1 : 0) * sign;
  });
}

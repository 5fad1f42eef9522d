// Relay connections over in-memory lists, with opaque cursors that stay valid while the list changes.
import { SimGraphqlError } from './errors.js';

export type Args = Record<string, unknown>;

export interface Page<T> {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  nodes: T[];
  edges: { cursor: string; node: T }[];
}

// GitHub's cursors look like base64 of "cursor:v2:" + a packed id; ours carry the item's position
// and key, so a cursor still works after the item it names has left the list.
export function encodeCursor(index: number, key: string): string {
  return Buffer.from(`cursor:v2:${index}:${key}`).toString('base64');
}

function decodeCursor(cursor: string): { index: number; key: string } {
  const text = Buffer.from(cursor, 'base64').toString('utf8');
  const match = /^cursor:v2:(\d+):(.*)$/s.exec(text);
  if (!match) {
    // GitHub's wording for a cursor it cannot read (not in the docs; seen in API answers).
    throw new SimGraphqlError('INVALID_CURSOR_ARGUMENTS', `\`${cursor}\` does not appear to be a valid cursor.`);
  }
  return { index: Number(match[1]), key: match[2]! };
}

/**
 * Where a page starts after (or ends before) a cursor: next to the item with the cursor's key, else,
 * when that item has left the list, at its old position (the items after it have moved up by one).
 */
function boundary(keys: string[], cursor: string, side: 'after' | 'before'): number {
  const { index, key } = decodeCursor(cursor);
  const found = keys.indexOf(key);
  if (found >= 0) return side === 'after' ? found + 1 : found;
  return Math.min(index, keys.length);
}

/** One page of `items` per first/after/last/before (first is applied before last, as graphql-ruby does). */
export function paginate<T>(items: readonly T[], args: Args, keyOf: (item: T, index: number) => string): Page<T> {
  const keys = items.map(keyOf);
  let start = 0;
  let end = items.length;
  if (typeof args.after === 'string') start = boundary(keys, args.after, 'after');
  if (typeof args.before === 'string') end = boundary(keys, args.before, 'before');
  if (typeof args.first === 'number') end = Math.min(end, start + args.first);
  if (typeof args.last === 'number') start = Math.max(start, end - args.last);
  if (end < start) end = start;
  const edges = items.slice(start, end).map((node, i) => ({ cursor: encodeCursor(start + i, keys[start + i]!), node }));
  return {
    totalCount: items.length,
    pageInfo: {
      hasNextPage: end < items.length,
      hasPreviousPage: start > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
    nodes: edges.map((e) => e.node),
    edges,
  };
}

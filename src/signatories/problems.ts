// Every bad entry of a list at once (up to a few), as the configuration loader does: a list with
// several mistakes is fixed in one go, not one failed run per entry.
import { MAX_REPORTED_PROBLEMS } from '../config/problems.js';
import { SignatoriesError } from '../errors.js';
import type { Signatory } from './model.js';

/** Builds an entry from each item; throws one SignatoriesError naming the first few problems. */
export function collectEntries<T>(items: readonly T[], source: string, build: (item: T, index: number) => Signatory): Signatory[] {
  const entries: Signatory[] = [];
  const problems: SignatoriesError[] = [];
  items.forEach((item, index) => {
    try {
      entries.push(build(item, index));
    } catch (error) {
      if (!(error instanceof SignatoriesError)) throw error;
      problems.push(error);
    }
  });
  const [first, ...rest] = problems;
  if (!first) return entries;
  if (rest.length === 0) throw first;
  const shown = rest.slice(0, MAX_REPORTED_PROBLEMS - 1);
  const more = rest.length - shown.length;
  const detail = [
    first.detail,
    ...shown.map((p) => p.message),
    ...(more > 0 ? [`(and ${more} more ${more === 1 ? 'problem' : 'problems'})`] : []),
  ].join('\n');
  throw new SignatoriesError(source, detail, first.line);
}

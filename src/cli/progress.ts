// A live progress line on a terminal (cli-progress) for long sweeps: repositories read of the
// total, pull requests decided, writes made, GraphQL points left, and the time to go as
// cli-progress estimates it from the pace so far. It appears once a sweep has run a few seconds,
// and a log line written meanwhile first clears it (the line is drawn again below). On anything
// but a terminal it is never created: logs stay plain JSON lines.
import { SingleBar } from 'cli-progress';
import type { SweepObserver } from '../reconcile/ports.js';
import type { ReadEvent } from '../reconcile/read.js';
import type { SweepSummary } from '../reconcile/summary.js';

export interface ProgressFigures {
  phase: 'reading' | 'writing';
  repositoriesDone: number;
  repositories: number;
  decided: number;
  writes: number;
  planned: number;
  pointsLeft: number | null;
}

/** The line's fields other than the bar and the time to go, as text (pure, for tests). */
export function progressPayload(f: ProgressFigures): Record<string, string> {
  return {
    phase: f.phase,
    repos: `${f.repositoriesDone}/${f.repositories} repositories`,
    decided: `${f.decided} pull requests decided`,
    writes: f.phase === 'writing' ? `${f.writes}/${f.planned} writes` : `${f.writes} writes`,
    points: f.pointsLeft === null ? 'points left unknown' : `${f.pointsLeft} points left`,
  };
}

const FORMAT = '{phase} {bar} {repos} | {decided} | {writes} | {points} | {eta_formatted} to go';

/** Figures from what a read event and the summary so far say. */
export class ProgressCounter {
  readonly figures: ProgressFigures = { phase: 'reading', repositoriesDone: 0, repositories: 0, decided: 0, writes: 0, planned: 0, pointsLeft: null };

  read(event: ReadEvent, summary: SweepSummary): void {
    const r = summary.repositories;
    this.figures.repositories = r.selected;
    this.figures.repositoriesDone = r.listed + r.failed.length + r.archived.length;
    if (event.kind === 'observed') this.figures.decided += event.observation.pullRequests.filter((p) => p.head !== null).length;
  }

  wrote(summary: SweepSummary): void {
    this.figures.phase = 'writing';
    this.figures.planned = summary.plan.length;
    this.figures.writes = Object.values(summary.writes.done).reduce((a, b) => a + b, 0);
  }
}

export interface Progress extends SweepObserver {
  stop(): void;
}

export interface ProgressOptions {
  /** A sweep shorter than this shows no line (default 5 s). */
  afterMs?: number;
  now?: () => number;
}

/**
 * While the line is drawn, anything else written to the stream (a log line) first clears it, so
 * that the two never run into each other; the bar writes through a view of the stream that skips
 * the clearing. Undone by `release`.
 */
function sharedStream(stream: NodeJS.WriteStream, drawn: () => boolean): { bar: NodeJS.WriteStream; release: () => void } {
  const own = Object.hasOwn(stream, 'write');
  const original = stream.write;
  const write = original.bind(stream) as (...args: unknown[]) => boolean;
  const bar = Object.create(stream, { write: { value: (...args: unknown[]) => write(...args) } }) as NodeJS.WriteStream;
  stream.write = ((...args: unknown[]) => {
    if (drawn()) write('\r\x1b[2K');
    return write(...args);
  }) as typeof stream.write;
  return {
    bar,
    release: () => {
      if (own) stream.write = original;
      else delete (stream as { write?: unknown }).write;
    },
  };
}

/** A progress line on `stream` when it is a terminal; otherwise an observer that does nothing. */
export function terminalProgress(stream: NodeJS.WriteStream, pointsLeft: () => number | null, opts: ProgressOptions = {}): Progress {
  if (!stream.isTTY) return { stop() {} };
  const now = opts.now ?? Date.now;
  const since = now();
  const counter = new ProgressCounter();
  let started = false;
  let shared: ReturnType<typeof sharedStream> | null = null;
  let bar: SingleBar | null = null;
  const show = (value: number, total: number) => {
    if (!started && now() - since < (opts.afterMs ?? 5000)) return;
    if (!bar) {
      shared = sharedStream(stream, () => started);
      // forceRedraw: a log line cleared the line; the next frame draws it again.
      bar = new SingleBar({ format: FORMAT, stream: shared.bar, clearOnComplete: true, hideCursor: true, etaBuffer: 50, fps: 5, forceRedraw: true });
    }
    counter.figures.pointsLeft = pointsLeft();
    const payload = progressPayload(counter.figures);
    if (!started) {
      bar.start(Math.max(total, 1), value, payload);
      started = true;
    } else {
      bar.setTotal(Math.max(total, 1));
      bar.update(value, payload);
    }
  };
  return {
    read(event, summary) {
      counter.read(event, summary);
      show(counter.figures.repositoriesDone, counter.figures.repositories);
    },
    wrote(_write, summary) {
      const first = counter.figures.phase === 'reading';
      counter.wrote(summary);
      // The writing phase has its own pace: the estimate starts again.
      if (first && started) {
        bar?.stop();
        started = false;
      }
      show(counter.figures.writes, counter.figures.planned);
    },
    stop() {
      if (started) bar?.stop();
      started = false;
      shared?.release();
      shared = null;
    },
  };
}

/**
 * How far a pull has got: a progress bar with ETA on a terminal, and where stderr is a pipe or a
 * log file, a plain line every so often (and at the end) that reads well in CI logs.
 */
import cliProgress from 'cli-progress';

export interface PullProgress {
  /** `total`: games to fetch this run (an estimate while game ids are being enumerated). */
  start(total: number): void;
  update(state: ProgressState): void;
  stop(): void;
}

export interface ProgressState {
  readonly done: number;
  readonly total: number;
  readonly skipped: number;
}

/** A line at most this often in line mode. */
export const LINE_INTERVAL_MS = 10_000;

export function progressFor(stream: NodeJS.WriteStream, season: string): PullProgress {
  return stream.isTTY ? barProgress(stream, season) : lineProgress(stream, season);
}

export function barProgress(stream: NodeJS.WritableStream, season: string): PullProgress {
  const bar = new cliProgress.SingleBar(
    { stream, format: `pull ${season} [{bar}] {value}/{total} games | {skipped} skipped | ETA {eta_formatted}`, hideCursor: true, etaBuffer: 40 },
    cliProgress.Presets.shades_classic,
  );
  return {
    start: (total) => bar.start(Math.max(total, 1), 0, { skipped: 0 }),
    update: ({ done, total, skipped }) => {
      bar.setTotal(Math.max(total, done, 1));
      bar.update(done, { skipped });
    },
    stop: () => bar.stop(),
  };
}

export function lineProgress(stream: NodeJS.WritableStream, season: string, options: { intervalMs?: number; now?: () => number } = {}): PullProgress {
  const intervalMs = options.intervalMs ?? LINE_INTERVAL_MS;
  const now = options.now ?? Date.now;
  let started = 0;
  let lastLine = 0;
  let last: ProgressState = { done: 0, total: 0, skipped: 0 };
  const line = (state: ProgressState): void => {
    lastLine = now();
    const elapsed = lastLine - started;
    const eta = state.done > 0 && state.total > state.done ? `, ETA ${duration((elapsed / state.done) * (state.total - state.done))}` : '';
    stream.write(`pull ${season}: ${state.done}/${state.total} games, ${state.skipped} skipped, ${duration(elapsed)} so far${eta}\n`);
  };
  return {
    start: (total) => {
      started = now();
      last = { done: 0, total, skipped: 0 };
      line(last);
    },
    update: (state) => {
      last = state;
      if (now() - lastLine >= intervalMs) line(state);
    },
    stop: () => line(last),
  };
}

/** `42s`, `3m 12s`, `1h 05m`. */
export function duration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

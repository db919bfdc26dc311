/**
 * `pull-report.json` in the data folder: per season, the last pull's counts and every game it did
 * not write, with why. A season pulled again replaces its own entry and leaves the others.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';

export const PULL_REPORT_FILE = 'pull-report.json';

export type SkipReason =
  /** The schedule or the boxscore says the game is not over (scheduled, live, postponed). */
  | 'not_final'
  /** The CDN has no documents for it (403/404). */
  | 'missing'
  /** Requests failed after every retry (timeouts, 5xx, 429, connection errors). */
  | 'failed'
  /** A document that stayed malformed or of the wrong shape (or game) over every attempt. */
  | 'invalid'
  /** The tracker's pattern is not complete and exact for a final game. */
  | 'incomplete'
  /** The pattern disagrees with the boxscore's final score (or the dataset's checks). */
  | 'mismatch';

export interface SkippedGame {
  readonly game_id: string;
  readonly reason: SkipReason;
  readonly detail: string;
}

export interface SeasonReport {
  readonly season: string;
  readonly finished_at: string;
  readonly feed_url: string;
  /** Where the season's games came from: the schedule, or game ids tried one by one and why. */
  readonly games_from: string;
  /** Games of the season in `minute_diffs.csv` after this pull. */
  readonly in_dataset: number;
  /** Games fetched and written by this pull. */
  readonly pulled_now: number;
  /** Games already in the folder, not fetched again. */
  readonly already_there: number;
  /** HTTP requests sent, retries included. */
  readonly requests: number;
  readonly seconds: number;
  /** Why the pull stopped early (interrupted, the CDN kept failing); null when it ran through. */
  readonly stopped: string | null;
  readonly skipped: readonly SkippedGame[];
}

interface ReportFile {
  readonly seasons: Record<string, SeasonReport>;
}

export async function writeSeasonReport(dataDir: string, report: SeasonReport): Promise<string> {
  const file = path.join(dataDir, PULL_REPORT_FILE);
  const seasons = { ...readReport(file).seasons, [report.season]: report };
  const sorted = Object.fromEntries(Object.entries(seasons).sort(([a], [b]) => a.localeCompare(b)));
  await writeFileAtomic(file, `${JSON.stringify({ seasons: sorted } satisfies ReportFile, null, 2)}\n`);
  return file;
}

/** The report of the folder; an unreadable one is started afresh (it describes pulls, it holds no data). */
export function readReport(file: string): ReportFile {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<ReportFile>;
    return parsed && typeof parsed.seasons === 'object' && parsed.seasons !== null ? { seasons: parsed.seasons } : { seasons: {} };
  } catch {
    return { seasons: {} };
  }
}

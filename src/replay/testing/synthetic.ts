/**
 * A tiny data folder written from scratch for tests that need seasons other than 2017-18: a
 * `minute_diffs.csv` and `pbp_<season>.csv` files with short, consistent games.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { COLUMNS } from '../../model/dataset.ts';
import { PBP_COLUMNS } from '../pbp-csv.ts';

export interface SyntheticGame {
  readonly gameId: string;
  readonly season: string;
  readonly date: string;
  readonly home: string;
  readonly away: string;
  /** First stamp, e.g. `7:11 PM`; the game advances one minute per row. */
  readonly tip?: string;
}

/** A game where the home team scores 2 at 6:00 of every quarter: final 8-0, d_k = 2 × quarters reached. */
export function gameRows(g: SyntheticGame): string[] {
  const [hh, rest] = (g.tip ?? '7:11 PM').split(':') as [string, string];
  let minute = (Number(hh) % 12 + (rest.endsWith('PM') ? 12 : 0)) * 60 + Number(rest.slice(0, 2));
  const stamp = (): string => {
    const m = minute++ % 1440;
    const h = Math.floor(m / 60);
    return `${h % 12 === 0 ? 12 : h % 12}:${String(m % 60).padStart(2, '0')} ${h < 12 ? 'AM' : 'PM'}`;
  };
  const rows: string[] = [];
  let n = 1;
  let home = 0;
  for (let p = 1; p <= 4; p++) {
    rows.push(`${g.gameId},${n++},12,0,${p},${stamp()},12:00,,,,,`);
    for (let left = 11; left >= 1; left--) {
      if (left === 6) {
        home += 2;
        rows.push(`${g.gameId},${n++},1,1,${p},${stamp()},6:00,"Smith Jump Shot, (2 PTS)",,,0 - ${home},${home}`);
      } else {
        minute += 1;
        rows.push(`${g.gameId},${n++},4,0,${p},${stamp()},${left}:00,,,Jones REBOUND,,`);
      }
    }
    minute += p === 2 ? 15 : 2;
    rows.push(`${g.gameId},${n++},13,0,${p},${stamp()},0:00,,,,0 - ${home},${home}`);
  }
  return rows;
}

export function minuteDiffsRow(g: SyntheticGame): string {
  // Scoring at 6:00 of quarter q lands in minute 12(q-1)+6: d_k counts the quarters whose 6:00 has passed.
  const d = Array.from({ length: 48 }, (_, i) => 2 * Math.floor((i + 1 + 6) / 12));
  return [g.gameId, g.season, g.date, g.home, g.away, ...d, 8, 0, 0].join(',');
}

/** Writes the folder; `pbp` maps a season to its games (games listed only in `extraSchedule` have no rows). */
export function writeDataDir(pbp: Record<string, SyntheticGame[]>, extraSchedule: SyntheticGame[] = [], unlisted: SyntheticGame[] = []): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'courtside-replay-'));
  const scheduled = [...Object.values(pbp).flat(), ...extraSchedule];
  writeFileSync(path.join(dir, 'minute_diffs.csv'), [COLUMNS.join(','), ...scheduled.map(minuteDiffsRow), ''].join('\n'));
  for (const [season, games] of Object.entries(pbp)) {
    const rows = [...games, ...unlisted.filter((g) => g.season === season)].flatMap(gameRows);
    writeFileSync(path.join(dir, `pbp_${season}.csv`), [PBP_COLUMNS.join(','), ...rows, ''].join('\n'));
  }
  return dir;
}

/**
 * Where `courtside data pull` keeps a season's CDN documents in a data folder, beside
 * `minute_diffs.csv`: `live_<season>/playbyplay_<gameId>.json.gz` and
 * `live_<season>/boxscore_<gameId>.json.gz`, each the CDN's body byte for byte, gzip-compressed
 * (the names of `live/`, the real responses of the shared dataset). A game is pulled when both
 * files are there; each is written whole or not at all, so a file that exists is complete.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';

export type PulledDocument = 'playbyplay' | 'boxscore';

const SEASON_FOLDER = /^live_(\d{4}-\d{2})$/;
const DOCUMENT_FILE = /^(playbyplay|boxscore)_(\d{10})\.json\.gz$/;

export function seasonFolder(dataDir: string, season: string): string {
  return path.join(dataDir, `live_${season}`);
}

export function pulledFile(dataDir: string, season: string, kind: PulledDocument, gameId: string): string {
  return path.join(seasonFolder(dataDir, season), `${kind}_${gameId}.json.gz`);
}

/** Seasons with a `live_<season>` folder, oldest first. */
export function pulledSeasons(dataDir: string): string[] {
  return entries(dataDir)
    .map((name) => SEASON_FOLDER.exec(name)?.[1])
    .filter((s): s is string => s !== undefined)
    .sort();
}

/** Ids of the season's games with both documents, in id order. */
export function pulledGames(dataDir: string, season: string): string[] {
  const seen = new Map<string, number>();
  for (const name of entries(seasonFolder(dataDir, season))) {
    const id = DOCUMENT_FILE.exec(name)?.[2];
    if (id !== undefined) seen.set(id, (seen.get(id) ?? 0) + 1);
  }
  return [...seen].filter(([, n]) => n === 2).map(([id]) => id).sort();
}

export interface PulledGameDocuments {
  readonly playbyplay: unknown;
  readonly boxscore: unknown;
}

/** Both documents of a pulled game, parsed; throws naming the file that cannot be read. */
export function readPulledGame(dataDir: string, season: string, gameId: string): PulledGameDocuments {
  return { playbyplay: readPulled(dataDir, season, 'playbyplay', gameId), boxscore: readPulled(dataDir, season, 'boxscore', gameId) };
}

/** A pulled document, parsed; throws naming the file when it cannot be read. */
export function readPulled(dataDir: string, season: string, kind: PulledDocument, gameId: string): unknown {
  const file = pulledFile(dataDir, season, kind, gameId);
  try {
    return JSON.parse(gunzipSync(readFileSync(file)).toString('utf8'));
  } catch (cause) {
    throw new Error(`cannot read ${file}: ${(cause as Error).message}`, { cause });
  }
}

function entries(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

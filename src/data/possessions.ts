/**
 * Possession at the end of every minute of every game with play-by-play in a data folder:
 * `pbp_<season>.csv`, or `pbp_<season>.csv.gz` read through zlib as a stream (never unpacked to
 * disk). Rows are validated by the replay's parser; the rules are the model's (`possessionByMinute`).
 */
import { createReadStream, readdirSync } from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { possessionByMinute } from '../model/possession.ts';
import { ReplayError } from '../replay/errors.ts';
import { parsePlayByPlay, type PbpRow } from '../replay/pbp-csv.ts';

const PBP_FILE = /^pbp_(\d{4}-\d{2})\.csv(\.gz)?$/;

/** Per game id, possession at the end of each minute (+1 home, −1 away, 0 unknown). */
export type PossessionTable = ReadonlyMap<string, Int8Array>;

/** The play-by-play files of a folder by season (a plain `.csv` wins over a `.csv.gz` of the same season). */
export function playByPlayFiles(dataDir: string): Map<string, string> {
  let names: string[];
  try {
    names = readdirSync(dataDir);
  } catch (cause) {
    throw new ReplayError('replay_file', `cannot read data folder ${dataDir}: ${(cause as Error).message}`, { cause });
  }
  const files = new Map<string, string>();
  for (const name of names.sort()) {
    const m = PBP_FILE.exec(name);
    if (m && !(files.has(m[1] as string) && m[2])) files.set(m[1] as string, path.join(dataDir, name));
  }
  return files;
}

/** Possession by minute for every game of the asked seasons that has play-by-play; seasons without a file are skipped. */
export async function loadPossessions(dataDirs: string | readonly string[], seasons: Iterable<string>): Promise<Map<string, Int8Array>> {
  const table = new Map<string, Int8Array>();
  const wanted = new Set(seasons);
  for (const dataDir of typeof dataDirs === 'string' ? [dataDirs] : dataDirs) {
    const files = playByPlayFiles(dataDir);
    for (const season of wanted) {
      const file = files.get(season);
      if (!file) continue;
      for (const [gameId, rows] of byGame(parsePlayByPlay(await readText(file), file))) table.set(gameId, possessionByMinute(rows));
    }
  }
  return table;
}

function byGame(rows: readonly PbpRow[]): Map<string, PbpRow[]> {
  const games = new Map<string, PbpRow[]>();
  for (const row of rows) {
    const list = games.get(row.gameId);
    if (list) list.push(row);
    else games.set(row.gameId, [row]);
  }
  return games;
}

async function readText(file: string): Promise<string> {
  const chunks: Buffer[] = [];
  try {
    const collect = async (stream: AsyncIterable<Buffer>): Promise<void> => {
      for await (const chunk of stream) chunks.push(chunk);
    };
    if (file.endsWith('.gz')) await pipeline(createReadStream(file), createGunzip(), collect);
    else await pipeline(createReadStream(file), collect);
  } catch (cause) {
    throw new ReplayError('replay_file', `cannot read ${file}: ${(cause as Error).message}`, { cause });
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * The rows of games pulled by an earlier run, rebuilt from their files: the dataset is always what
 * the documents in the folder give, whichever run fetched them. A game whose files give no row (a
 * file damaged since) is left out, to be fetched again like a missing one.
 */
import { pulledGames, readPulledGame, type PulledGameDocuments } from '../data/pulled.ts';
import { describeSchemaIssues } from '../feed/diagnose.ts';
import { BoxscoreDocument, PlayByPlayDocument } from '../feed/nba-schemas.ts';
import type { HistoricalGame } from '../domain/historical-game.ts';
import { gameRow, type GameRow } from './game-row.ts';

export function storedGameRow(dataDir: string, season: string, gameId: string): GameRow {
  let documents: PulledGameDocuments;
  try {
    documents = readPulledGame(dataDir, season, gameId);
  } catch (error) {
    return { ok: false, problem: 'incomplete', detail: (error as Error).message };
  }
  const b = BoxscoreDocument.safeParse(documents.boxscore);
  if (!b.success) return { ok: false, problem: 'wrong_game', detail: `stored boxscore: ${describeSchemaIssues(b.error)}` };
  const p = PlayByPlayDocument.safeParse(documents.playbyplay);
  if (!p.success) return { ok: false, problem: 'wrong_game', detail: `stored play-by-play: ${describeSchemaIssues(p.error)}` };
  return gameRow(season, gameId, b.data, p.data);
}

/** The season's games in the folder that give a row, by id. */
export function storedRows(dataDir: string, season: string): Map<string, HistoricalGame> {
  const rows = new Map<string, HistoricalGame>();
  for (const id of pulledGames(dataDir, season)) {
    const row = storedGameRow(dataDir, season, id);
    if (row.ok) rows.set(id, row.game);
  }
  return rows;
}

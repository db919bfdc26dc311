/**
 * The row of a game pulled by an earlier run, rebuilt from its files: the dataset is always what
 * the documents in the folder give, whichever run fetched them.
 */
import { readPulledGame, type PulledGameDocuments } from '../data/pulled.ts';
import { describeSchemaIssues } from '../feed/diagnose.ts';
import { BoxscoreDocument, PlayByPlayDocument } from '../feed/nba-schemas.ts';
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

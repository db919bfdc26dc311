/**
 * One game of a pull: its boxscore (is it over?), its play-by-play, the row the tracker builds from
 * them, and, only when that row stands, both documents written to the folder as the CDN sent them,
 * each file whole or not at all (the boxscore first: a game counts as pulled once both are there).
 */
import { gzipSync } from 'node:zlib';
import writeFileAtomic from 'write-file-atomic';
import { pulledFile } from '../data/pulled.ts';
import type { NbaFeedClient } from '../feed/client.ts';
import { FeedError } from '../feed/errors.ts';
import type { HistoricalGame } from '../domain/historical-game.ts';
import { PullError } from './errors.ts';
import { fetchDocument, type BreakerWait } from './fetch-document.ts';
import { gameRow, type RowProblem } from './game-row.ts';
import type { SkippedGame, SkipReason } from './report.ts';

export type GameOutcome =
  | { readonly kind: 'written'; readonly game: HistoricalGame }
  | { readonly kind: 'skipped'; readonly skip: SkippedGame }
  /** The CDN has no documents for the id (403/404). */
  | { readonly kind: 'missing'; readonly skip: SkippedGame };

export interface GameContext {
  readonly client: NbaFeedClient;
  readonly season: string;
  readonly dataDir: string;
  readonly breaker: BreakerWait;
  readonly signal: AbortSignal;
}

const REASON: Readonly<Record<RowProblem, SkipReason>> = { not_final: 'not_final', wrong_game: 'invalid', incomplete: 'incomplete', mismatch: 'mismatch' };

export async function pullGame(ctx: GameContext, gameId: string): Promise<GameOutcome> {
  try {
    const box = await fetchDocument(ctx.client, 'boxscore', gameId, ctx.breaker, ctx.signal);
    const status = box.document.game.gameStatus;
    if (status !== 3) return skipped(gameId, 'not_final', `boxscore status ${status} (${String(box.document.game.gameStatusText ?? '').trim() || 'no status text'})`);
    const pbp = await fetchDocument(ctx.client, 'playbyplay', gameId, ctx.breaker, ctx.signal);
    const row = gameRow(ctx.season, gameId, box.document, pbp.document);
    if (!row.ok) return skipped(gameId, REASON[row.problem], row.detail);
    await save(ctx, 'boxscore', gameId, box.body);
    await save(ctx, 'playbyplay', gameId, pbp.body);
    return { kind: 'written', game: row.game };
  } catch (error) {
    if (!(error instanceof FeedError) || ctx.signal.aborted) throw error;
    const skip = { game_id: gameId, detail: error.message };
    if (error.code === 'forbidden' || error.code === 'not_found') return { kind: 'missing', skip: { ...skip, reason: 'missing' } };
    const reason: SkipReason = error.code === 'invalid_json' || error.code === 'schema_mismatch' ? 'invalid' : 'failed';
    return { kind: 'skipped', skip: { ...skip, reason } };
  }
}

async function save(ctx: GameContext, kind: 'boxscore' | 'playbyplay', gameId: string, body: Uint8Array): Promise<void> {
  const file = pulledFile(ctx.dataDir, ctx.season, kind, gameId);
  try {
    // The season's folder exists (the pull makes it first). Atomic (a temporary file renamed), not
    // synced: a kill never leaves part of a file, and one a power cut damaged fails to read on the
    // next run, which then fetches the game again.
    await writeFileAtomic(file, gzipSync(body), { fsync: false });
  } catch (cause) {
    throw new PullError('pull_file', `cannot write ${file}: ${(cause as Error).message}`, { cause });
  }
}

function skipped(gameId: string, reason: SkipReason, detail: string): GameOutcome {
  return { kind: 'skipped', skip: { game_id: gameId, reason, detail } };
}

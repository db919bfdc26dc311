/**
 * Validation of scoreboard documents game by game. The scoreboard carries every game of the night;
 * checked as one schema, a single malformed entry (a half-published game, a field the NBA changed
 * for one game) failed the whole document, and every other game lost its updates with it. Here the
 * envelope must be sound (else the document fails as before), then each game is checked on its
 * own: the good ones pass, a bad one is left out and described, with its game id and the path of
 * what was wrong, for the service to log and count.
 */
import { z } from 'zod';
import { describeSchemaIssues } from './diagnose.ts';
import { ScoreboardEnvelope, ScoreboardGame, type RejectedGame, type ScoreboardReading } from './nba-schemas.ts';

type Parsed = { success: true; data: ScoreboardReading } | { success: false; error: z.ZodError };

const GAME_ID = /^\d{10}$/;

export const ScoreboardEntriesSchema = {
  safeParse(json: unknown): Parsed {
    const envelope = ScoreboardEnvelope.safeParse(json);
    if (!envelope.success) return { success: false, error: envelope.error };
    const games: ScoreboardGame[] = [];
    const rejectedGames: RejectedGame[] = [];
    envelope.data.scoreboard.games.forEach((entry, index) => {
      const parsed = ScoreboardGame.safeParse(entry);
      if (parsed.success) {
        games.push(parsed.data);
        return;
      }
      const issues = parsed.error.issues.map((issue) => ({ ...issue, path: ['scoreboard', 'games', index, ...issue.path] }));
      rejectedGames.push({ index, gameId: gameIdOf(entry), problem: describeSchemaIssues(new z.ZodError(issues)) });
    });
    const { scoreboard } = envelope.data;
    return { success: true, data: { ...envelope.data, scoreboard: { ...scoreboard, games }, rejectedGames } };
  },
};

function gameIdOf(entry: unknown): string | undefined {
  const id = typeof entry === 'object' && entry !== null ? (entry as { gameId?: unknown }).gameId : undefined;
  return typeof id === 'string' && GAME_ID.test(id) ? id : undefined;
}

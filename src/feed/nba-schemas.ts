/**
 * Schemas of the NBA live CDN's JSON (`cdn.nba.com/static/json/liveData/…`).
 *
 * Only the fields Courtside reads are required; everything else passes through untouched, so a
 * new field on the NBA's side never breaks the feed, while a missing or mistyped field that we
 * depend on is a schema error naming its path. The fake CDN of the replay produces exactly
 * these shapes, and the real responses in `$NBA_DATA_DIR/live/` parse with them.
 */
import { z } from 'zod';

const gameId = z.string().regex(/^\d{10}$/);
/** `PT05M32.00S` while a game is on, `""` before tip-off and after the final buzzer. */
const isoClock = z.string();

export const PeriodScore = z.looseObject({
  period: z.number().int().positive(),
  periodType: z.string(),
  score: z.number().int().nonnegative(),
});

export const ScoreboardTeam = z.looseObject({
  teamTricode: z.string().min(2),
  score: z.number().int().nonnegative(),
  periods: z.array(PeriodScore).optional(),
});
export type ScoreboardTeam = z.infer<typeof ScoreboardTeam>;

/** 1 scheduled, 2 live, 3 final. */
export const GameStatusCode = z.union([z.literal(1), z.literal(2), z.literal(3)]);

export const ScoreboardGame = z.looseObject({
  gameId,
  /** `YYYYMMDD/AWYHOM`: the game's own date, which outlives midnight. */
  gameCode: z.string().regex(/^\d{8}\/[A-Z]{4,8}$/),
  gameStatus: GameStatusCode,
  gameStatusText: z.string(),
  period: z.number().int().nonnegative(),
  gameClock: isoClock,
  gameTimeUTC: z.string(),
  gameEt: z.string(),
  homeTeam: ScoreboardTeam,
  awayTeam: ScoreboardTeam,
});
export type ScoreboardGame = z.infer<typeof ScoreboardGame>;

/** The whole document, every game included: one bad game fails it (the replay's checks use it so). */
export const ScoreboardDocument = z.looseObject({
  scoreboard: z.looseObject({
    gameDate: z.string(),
    games: z.array(ScoreboardGame),
  }),
});
export type ScoreboardDocument = z.infer<typeof ScoreboardDocument>;

/**
 * The document around its games. The feed client checks this, then each game on its own, so one
 * malformed entry costs that game's update, not every game's (`src/feed/scoreboard-entries.ts`).
 */
export const ScoreboardEnvelope = z.looseObject({
  scoreboard: z.looseObject({
    gameDate: z.string(),
    games: z.array(z.unknown()),
  }),
});

/** A scoreboard entry left out for failing `ScoreboardGame`. */
export interface RejectedGame {
  /** Its position in `scoreboard.games`. */
  readonly index: number;
  /** Its `gameId`, when it has one that looks like one. */
  readonly gameId: string | undefined;
  /** What was wrong: `schema mismatch at scoreboard.games[1].homeTeam.score (…)`. */
  readonly problem: string;
}

/** A scoreboard as the feed client hands it over: the games that passed, and the entries left out. */
export type ScoreboardReading = ScoreboardDocument & { readonly rejectedGames?: readonly RejectedGame[] };

export const PlayByPlayAction = z.looseObject({
  actionNumber: z.number().int().nonnegative(),
  orderNumber: z.number().int().nonnegative(),
  clock: isoClock,
  period: z.number().int().positive(),
  periodType: z.string(),
  actionType: z.string(),
  subType: z.string().optional(),
  teamTricode: z.string().optional(),
  shotResult: z.string().optional(),
  /** Running score, as strings, on every action. */
  scoreHome: z.string().regex(/^\d+$/),
  scoreAway: z.string().regex(/^\d+$/),
  description: z.string().optional(),
  edited: z.string().optional(),
  timeActual: z.string().optional(),
});
export type PlayByPlayAction = z.infer<typeof PlayByPlayAction>;

export const PlayByPlayDocument = z.looseObject({
  game: z.looseObject({
    gameId,
    actions: z.array(PlayByPlayAction),
  }),
});
export type PlayByPlayDocument = z.infer<typeof PlayByPlayDocument>;

export const BoxscoreTeam = z.looseObject({
  teamTricode: z.string().min(2),
  score: z.number().int().nonnegative(),
  periods: z.array(PeriodScore),
});

export const BoxscoreDocument = z.looseObject({
  game: z.looseObject({
    gameId,
    gameStatus: GameStatusCode,
    period: z.number().int().nonnegative(),
    gameClock: isoClock.optional(),
    homeTeam: BoxscoreTeam,
    awayTeam: BoxscoreTeam,
  }),
});
export type BoxscoreDocument = z.infer<typeof BoxscoreDocument>;

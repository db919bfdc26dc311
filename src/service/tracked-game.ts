/** One tracked game as the service holds it: the tracker plus what was forecast and graded. */
import type { GameTracker } from '../game/game-tracker.ts';
import type { GameContext, HalftimeForecast } from '../model/predictor.ts';
import type { GameSnapshot, HalftimeResult, MlPrediction } from '../protocol/messages.ts';
import { scoreData } from './wire.ts';

export type ForecastRecord = Omit<MlPrediction, 'type' | 'seq' | 'timestamp' | 'game_id'> & {
  /** The model's own output, kept for grading and for `Predictor.observe`. */
  readonly raw: HalftimeForecast;
};
export type HalftimeRecord = Omit<HalftimeResult, 'type' | 'seq' | 'timestamp' | 'game_id'>;

export class TrackedGame {
  /** The game's forecast once made: what halftime is graded against, even before it is sent. */
  forecast: ForecastRecord | undefined;
  /** The latest halftime grade made. */
  halftime: HalftimeRecord | undefined;
  /**
   * What has been broadcast, which is what snapshots show: a forecast or grade waits for its
   * durable write before it goes out (see `Outbox`), and a snapshot never runs ahead of the stream.
   */
  readonly sent: { forecast: ForecastRecord | undefined; halftime: HalftimeRecord | undefined } = { forecast: undefined, halftime: undefined };
  /** When the feed last changed anything about this game (ms since epoch). */
  updatedAt: number;
  /** Still on the latest scoreboard; a game that drops off unfinished is still followed. */
  onScoreboard = true;

  constructor(readonly tracker: GameTracker, now: number) {
    this.updatedAt = now;
  }

  get gameId(): string {
    return this.tracker.info.gameId;
  }

  get context(): GameContext {
    const { gameId, homeTeam, awayTeam, gameDate } = this.tracker.info;
    return { gameId, homeTeam, awayTeam, gameDate };
  }

  /** Play-by-play is worth fetching: the game is on, or over with minutes still missing. */
  get wantsPlayByPlay(): boolean {
    const status = this.tracker.score.status;
    return status !== 'Scheduled' && !this.tracker.settled;
  }

  snapshot(): GameSnapshot {
    const prediction = this.sent.forecast ? (({ raw: _raw, ...wire }) => wire)(this.sent.forecast) : null;
    return {
      game_id: this.gameId,
      data: scoreData(this.tracker.info, this.tracker.score),
      pattern: [...this.tracker.pattern],
      approximate: this.tracker.approximate,
      prediction,
      halftime: this.sent.halftime ?? null,
      updated_at: new Date(this.updatedAt).toISOString(),
    };
  }
}

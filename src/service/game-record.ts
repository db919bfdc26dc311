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

export class GameRecord {
  forecast: ForecastRecord | undefined;
  halftime: HalftimeRecord | undefined;
  /** When the feed last changed anything about this game (ms since epoch). */
  updatedAt: number;
  /** Still on the latest scoreboard; a game that drops off unfinished is still followed. */
  onScoreboard = true;
  /** Restored from storage, recorded but never broadcast (the process died in between). */
  readonly unsent = { forecast: false, halftime: false };

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
    const prediction = this.forecast ? (({ raw: _raw, ...wire }) => wire)(this.forecast) : null;
    return {
      game_id: this.gameId,
      data: scoreData(this.tracker.info, this.tracker.score),
      pattern: [...this.tracker.pattern],
      approximate: this.tracker.approximate,
      prediction,
      halftime: this.halftime ?? null,
      updated_at: new Date(this.updatedAt).toISOString(),
    };
  }
}

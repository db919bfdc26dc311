/**
 * The per-minute forecasts of every live game: at the end of each game minute (1..47, and each
 * overtime minute) the final margin's and, before halftime, the halftime margin's predictive
 * distributions and the home team's win probability, published as `forecast_update`. Each is kept
 * in the store (the game's history, across restarts) before it goes out. Results teach the model
 * as they arrive: the halftime margin and the final margin move the calibration of the minutes'
 * intervals, and every game that finishes joins the team ratings of later games.
 */
import type { LiveAction } from '../game/types.ts';
import { minutesLeft, REGULATION_MINUTES } from '../domain/minutes.ts';
import type { InGameForecast, InGameForecaster } from '../model/in-game/forecaster.ts';
import { intervalLevels, CENTRAL_INTERVALS } from '../model/in-game/levels.ts';
import type { LiveRatings } from '../model/in-game/live-ratings.ts';
import type { Possession } from '../model/possession.ts';
import { seasonOfDate } from '../model/season.ts';
import { MinuteForecast, type ServerMessage, type Unsequenced } from '../protocol/messages.ts';
import type { TrackedGame } from './tracked-game.ts';
import { LivePossession } from './live-possession.ts';
import type { MinuteForecastStore } from './minute-forecast-store.ts';
import { distributionOf, minuteForecastOf } from './minute-wire.ts';
import type { Logger } from '../domain/logger.ts';
import type { MessageSink } from '../domain/message-sink.ts';

export interface MinuteForecastsOptions {
  readonly forecaster: Pick<InGameForecaster, 'forecastSituation' | 'observe' | 'modelVersion'>;
  readonly ratings: LiveRatings;
  readonly sink: MessageSink<Unsequenced<ServerMessage>>;
  readonly logger: Logger;
  readonly now?: () => number;
  readonly store?: MinuteForecastStore | undefined;
  /** Games kept in memory; older ones are read back from the store when asked for. */
  readonly gamesInMemory?: number;
}

interface GameForecasts {
  readonly history: MinuteForecast[];
  actions: readonly LiveAction[];
  possession: LivePossession | undefined;
  expected: number | undefined;
  /** Over before it was first seen: there is nothing left to forecast. */
  seenOver: boolean;
  halftimeLearnt: boolean;
  finalLearnt: boolean;
}

export class MinuteForecasts {
  readonly #o: MinuteForecastsOptions;
  readonly #now: () => number;
  readonly #limit: number;
  /** In least recently touched order. */
  readonly #games = new Map<string, GameForecasts>();
  /** The latest forecast of games not in memory (restored, or left behind), read from the store once. */
  readonly #latestKept = new Map<string, MinuteForecast | null>();

  constructor(options: MinuteForecastsOptions) {
    const limit = options.gamesInMemory ?? 100;
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError('gamesInMemory must be a positive integer');
    this.#o = options;
    this.#now = options.now ?? Date.now;
    this.#limit = limit;
  }

  get modelVersion(): string {
    return this.#o.forecaster.modelVersion;
  }

  /** The game's latest forecast, or null before its first minute ends. */
  latest(gameId: string): MinuteForecast | null {
    const state = this.#games.get(gameId);
    if (state) return state.history.at(-1) ?? null;
    let kept = this.#latestKept.get(gameId);
    if (kept === undefined) {
      kept = this.#stored(gameId).at(-1) ?? null;
      this.#latestKept.set(gameId, kept);
      if (this.#latestKept.size > this.#limit) this.#latestKept.delete(this.#latestKept.keys().next().value as string);
    }
    return kept;
  }

  /** Every forecast of the game, by minute (from the store for a game no longer in memory). */
  history(gameId: string): readonly MinuteForecast[] {
    return this.#games.get(gameId)?.history ?? this.#stored(gameId);
  }

  /** The game's latest play-by-play, for who has the ball. */
  playByPlay(record: TrackedGame, actions: readonly LiveAction[]): void {
    const state = this.#state(record);
    if (state.actions === actions) return;
    state.actions = actions;
    state.possession = undefined;
  }

  /** +1 home, −1 away, 0 unknown at the end of `minute` (unknown when the pattern is approximate: play-by-play is behind). */
  possessionAt(record: TrackedGame, minute: number, approximate: boolean): Possession {
    if (approximate) return 0;
    const state = this.#state(record);
    state.possession ??= new LivePossession(state.actions, record.tracker.info);
    return state.possession.atEndOf(minute);
  }

  /** The pattern grew: a forecast for each minute that ended since the last one. */
  minutesEnded(record: TrackedGame, pattern: readonly number[], approximate: boolean): void {
    const state = this.#state(record);
    if (state.seenOver) return;
    for (let minute = (state.history.at(-1)?.minute ?? 0) + 1; minute <= pattern.length; minute++) {
      const margin = pattern[minute - 1] as number;
      // A game whose regulation or overtime ended untied is over: nothing is left to forecast.
      if (minute >= REGULATION_MINUTES && minutesLeft(minute) === 0 && margin !== 0) continue;
      this.#forecast(record, state, minute, margin, approximate);
    }
  }

  /** d24 is known: the halftime intervals learn from it (an approximate one would teach them wrong). */
  halftime(record: TrackedGame, actual: number, approximate: boolean): void {
    const state = this.#state(record);
    if (approximate || state.halftimeLearnt) return;
    state.halftimeLearnt = true;
    this.#learn('halftime', state, actual);
  }

  /** The game is over: its final margin joins the ratings and teaches the final-margin intervals. */
  final(record: TrackedGame): void {
    const state = this.#state(record);
    const { info, score } = record.tracker;
    const margin = score.homeScore - score.awayScore;
    const season = seasonOfDate(info.gameDate);
    if (season !== undefined && margin !== 0) this.#o.ratings.add({ gameId: info.gameId, season, gameDate: info.gameDate, homeTeam: info.homeTeam, awayTeam: info.awayTeam, margin });
    if (state.finalLearnt || state.history.length === 0) return;
    state.finalLearnt = true;
    this.#learn('final', state, margin);
    const covered = CENTRAL_INTERVALS.map((c) => {
      const { lower, upper } = intervalLevels(c);
      return state.history.filter((f) => { const q = distributionOf(f.final_margin).quantiles; return margin >= (q[lower] as number) && margin <= (q[upper] as number); }).length;
    });
    this.#o.logger.info(
      { gameId: info.gameId, margin, forecasts: state.history.length, covered50: covered[0], covered80: covered[1], covered95: covered[2] },
      'final margin checked against the game\'s minute forecasts',
    );
  }

  #forecast(record: TrackedGame, state: GameForecasts, minute: number, margin: number, approximate: boolean): void {
    const gameId = record.gameId;
    let forecast: MinuteForecast;
    try {
      state.expected ??= this.#o.ratings.expectedMargin(record.context);
      const possession = this.possessionAt(record, minute, approximate);
      const raw = this.#o.forecaster.forecastSituation({ minute, margin, expectedMargin: state.expected, possession });
      forecast = MinuteForecast.parse(minuteForecastOf(raw, margin, possession, approximate, new Date(this.#now()).toISOString()));
    } catch (error) {
      this.#o.logger.error({ gameId, minute, err: error }, 'in-game forecast failed; none for this minute');
      return;
    }
    try {
      this.#o.store?.recordMinuteForecast(gameId, minute, JSON.stringify(forecast), forecast.made_at);
    } catch (error) {
      // The stream goes on; only the history after a restart lacks it.
      this.#o.logger.error({ gameId, minute, err: error }, 'minute forecast not kept in the store; sent anyway');
    }
    state.history.push(forecast);
    const { made_at: timestamp, ...wire } = forecast;
    this.#o.sink.publish({ type: 'forecast_update', timestamp, game_id: gameId, ...wire });
  }

  #learn(target: 'final' | 'halftime', state: GameForecasts, actual: number): void {
    const forecasts: InGameForecast[] = state.history
      .filter((f) => f.model_version === this.modelVersion)
      .map((f) => ({
        minute: f.minute, final: distributionOf(f.final_margin), halftime: f.halftime_margin ? distributionOf(f.halftime_margin) : undefined,
        homeWinProbability: f.home_win_probability, possessionKnown: f.possession !== null, modelVersion: f.model_version,
      }));
    try {
      this.#o.forecaster.observe(target, forecasts, actual);
    } catch (error) {
      this.#o.logger.error({ err: error, target }, 'in-game model failed to learn from a result');
    }
  }

  #state(record: TrackedGame): GameForecasts {
    const gameId = record.gameId;
    let state = this.#games.get(gameId);
    if (state) {
      this.#games.delete(gameId);
    } else {
      const history = [...this.#stored(gameId)];
      // Followed from before its end, or restored mid-game: forecast on; first seen over: nothing to forecast.
      const seenOver = history.length === 0 && record.tracker.score.status === 'Final';
      state = { history, actions: [], possession: undefined, expected: undefined, seenOver, halftimeLearnt: false, finalLearnt: false };
    }
    this.#games.set(gameId, state);
    this.#latestKept.delete(gameId);
    if (this.#games.size > this.#limit) {
      const [oldest, left] = this.#games.entries().next().value as [string, GameForecasts];
      this.#games.delete(oldest);
      this.#latestKept.set(oldest, left.history.at(-1) ?? null);
    }
    return state;
  }

  /** What the store kept of a game; a row that no longer reads as a forecast is left out, and said. */
  #stored(gameId: string): MinuteForecast[] {
    let rows;
    try {
      rows = this.#o.store?.minuteForecasts(gameId) ?? [];
    } catch (error) {
      this.#o.logger.error({ gameId, err: error }, 'minute forecasts could not be read from the store');
      return [];
    }
    const history: MinuteForecast[] = [];
    for (const row of rows) {
      let parsed;
      try {
        parsed = MinuteForecast.safeParse(JSON.parse(row.json));
      } catch (error) {
        parsed = { success: false as const, error };
      }
      if (parsed.success) history.push(parsed.data);
      else this.#o.logger.error({ gameId, minute: row.minute, err: parsed.error }, 'stored minute forecast unreadable; left out');
    }
    return history;
  }
}

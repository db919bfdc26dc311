/** Every statement the store runs, prepared once at open. */
import type Database from 'better-sqlite3';
import type { ForecastRow, GameRow, HalftimeRow, MinuteRow } from './rows.ts';

const GAME_COLUMNS = 'game_id, game_date, start_time, home_team, away_team, status, home_score, away_score, period, clock, updated_at';
const FORECAST_COLUMNS =
  'idempotency_key, game_id, model_version, pattern, context, point, lower, upper, coverage, components, approximate, late, period, clock, created_at';
const HALFTIME_COLUMNS = 'game_id, actual, model_version, error, covered, approximate, recorded_at';

const named = (columns: string): string =>
  columns
    .split(', ')
    .map((c) => `@${c}`)
    .join(', ');

export class StoreStatements {
  readonly upsertGame: Database.Statement<[GameRow]>;
  readonly saveMinute: Database.Statement<[string, number, number, 0 | 1]>;
  readonly insertForecast: Database.Statement<[Omit<ForecastRow, 'seq'>]>;
  readonly forecastByKey: Database.Statement<[string], ForecastRow>;
  readonly markForecastSent: Database.Statement<[number, string]>;
  readonly insertHalftime: Database.Statement<[Omit<HalftimeRow, 'seq' | 'revised'>]>;
  readonly halftimeById: Database.Statement<[string], HalftimeRow>;
  readonly markHalftimeSent: Database.Statement<[number, string]>;
  readonly reviseHalftime: Database.Statement<[Omit<HalftimeRow, 'seq'>]>;
  readonly gamesSince: Database.Statement<[string], GameRow>;
  readonly minutesSince: Database.Statement<[string], MinuteRow>;
  readonly forecastsSince: Database.Statement<[string], ForecastRow>;
  readonly halftimesSince: Database.Statement<[string], HalftimeRow>;
  readonly gameById: Database.Statement<[string], GameRow>;
  readonly minutesById: Database.Statement<[string], MinuteRow>;
  readonly forecastsById: Database.Statement<[string], ForecastRow>;
  readonly halftimesById: Database.Statement<[string], HalftimeRow>;

  constructor(db: Database.Database) {
    const updates = GAME_COLUMNS.split(', ')
      .slice(1)
      .map((c) => `${c} = excluded.${c}`)
      .join(', ');
    this.upsertGame = db.prepare(`INSERT INTO games (${GAME_COLUMNS}) VALUES (${named(GAME_COLUMNS)}) ON CONFLICT (game_id) DO UPDATE SET ${updates}`);
    // Exact beats approximate, never the reverse; the second condition keeps a rewrite of the
    // same value from counting as a change.
    this.saveMinute = db.prepare(`
      INSERT INTO minutes (game_id, minute, differential, exact) VALUES (?, ?, ?, ?)
      ON CONFLICT (game_id, minute) DO UPDATE SET differential = excluded.differential, exact = excluded.exact
      WHERE (excluded.exact = 1 OR minutes.exact = 0)
        AND (minutes.differential <> excluded.differential OR minutes.exact <> excluded.exact)`);
    this.insertForecast = db.prepare(
      `INSERT INTO forecasts (${FORECAST_COLUMNS}) VALUES (${named(FORECAST_COLUMNS)}) ON CONFLICT (idempotency_key) DO NOTHING`,
    );
    this.forecastByKey = db.prepare(`SELECT ${FORECAST_COLUMNS}, seq FROM forecasts WHERE idempotency_key = ?`);
    this.markForecastSent = db.prepare('UPDATE forecasts SET seq = ? WHERE idempotency_key = ? AND seq IS NULL');
    this.insertHalftime = db.prepare(`INSERT INTO halftime_results (${HALFTIME_COLUMNS}) VALUES (${named(HALFTIME_COLUMNS)}) ON CONFLICT (game_id) DO NOTHING`);
    this.halftimeById = db.prepare(`SELECT ${HALFTIME_COLUMNS}, revised, seq FROM halftime_results WHERE game_id = ?`);
    this.markHalftimeSent = db.prepare('UPDATE halftime_results SET seq = ? WHERE game_id = ? AND seq IS NULL');
    // Only an approximate result is ever replaced; the exact one is yet to be sent (seq cleared).
    this.reviseHalftime = db.prepare(`
      UPDATE halftime_results SET actual = @actual, model_version = @model_version, error = @error, covered = @covered,
        approximate = @approximate, recorded_at = @recorded_at, revised = @revised, seq = NULL
      WHERE game_id = @game_id AND approximate = 1`);

    const since = 'game_id IN (SELECT game_id FROM games WHERE game_date >= ?)';
    this.gamesSince = db.prepare(`SELECT ${GAME_COLUMNS} FROM games WHERE game_date >= ? ORDER BY game_date, game_id`);
    this.minutesSince = db.prepare(`SELECT game_id, minute, differential, exact FROM minutes WHERE ${since} ORDER BY game_id, minute`);
    this.forecastsSince = db.prepare(`SELECT ${FORECAST_COLUMNS}, seq FROM forecasts WHERE ${since} ORDER BY id`);
    this.halftimesSince = db.prepare(`SELECT ${HALFTIME_COLUMNS}, revised, seq FROM halftime_results WHERE ${since}`);
    this.gameById = db.prepare(`SELECT ${GAME_COLUMNS} FROM games WHERE game_id = ?`);
    this.minutesById = db.prepare('SELECT game_id, minute, differential, exact FROM minutes WHERE game_id = ? ORDER BY minute');
    this.forecastsById = db.prepare(`SELECT ${FORECAST_COLUMNS}, seq FROM forecasts WHERE game_id = ? ORDER BY id`);
    this.halftimesById = db.prepare(`SELECT ${HALFTIME_COLUMNS}, revised, seq FROM halftime_results WHERE game_id = ?`);
  }
}

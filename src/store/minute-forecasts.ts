/** Each game's per-minute forecasts on SQLite: one row per game and minute, the first one kept. */
import type Database from 'better-sqlite3';
import type { MinuteForecastStore, StoredMinuteForecast } from '../service/minute-forecast-store.ts';
import { toStoreError } from './sqlite-errors.ts';
import { checkGameId, RecordCheck } from './validate.ts';

export class SqliteMinuteForecasts implements MinuteForecastStore {
  readonly #file: string;
  readonly #insert: Database.Statement<[string, number, string, string]>;
  readonly #byGame: Database.Statement<[string], StoredMinuteForecast>;

  constructor(db: Database.Database, file: string) {
    this.#file = file;
    this.#insert = db.prepare('INSERT INTO minute_forecasts (game_id, minute, body, made_at) VALUES (?, ?, ?, ?) ON CONFLICT (game_id, minute) DO NOTHING');
    this.#byGame = db.prepare('SELECT minute, body AS json FROM minute_forecasts WHERE game_id = ? ORDER BY minute');
  }

  recordMinuteForecast(gameId: string, minute: number, json: string, madeAt: string): boolean {
    checkGameId(this.#file, gameId, 'minute forecast');
    const check = new RecordCheck(this.#file, `minute forecast of game ${gameId}`);
    check.int(minute, 'minute', 1);
    check.need(typeof json === 'string' && json.startsWith('{'), 'json', 'a JSON object', json);
    check.timestamp(madeAt, 'madeAt');
    try {
      return this.#insert.run(gameId, minute, json, madeAt).changes > 0;
    } catch (err) {
      throw toStoreError(err, this.#file, `recording the forecast of minute ${minute} of game ${gameId}`);
    }
  }

  minuteForecasts(gameId: string): readonly StoredMinuteForecast[] {
    checkGameId(this.#file, gameId, 'minute forecasts');
    try {
      return this.#byGame.all(gameId);
    } catch (err) {
      throw toStoreError(err, this.#file, `reading the minute forecasts of game ${gameId}`);
    }
  }
}

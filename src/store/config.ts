/** What a user sets of the store; its tuning is code's, in `options.ts`. */
import { z } from 'zod';
import { path } from '../config/fields.ts';

export const StoreConfig = z.object({
  /**
   * SQLite file for games, minutes, forecasts and the message log. Default: `data/courtside.db`
   * for the NBA; a fresh file per run for the embedded replay, which starts its night anew.
   */
  db: path().optional(),
});

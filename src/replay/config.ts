/** What a user sets of a replayed night: where the dataset is, which night, how fast. */
import { z } from 'zod';
import { atMost, isoDate, number, path, positive } from '../config/fields.ts';

export const ReplayConfig = z.object({
  /** The dataset folder; default `$NBA_DATA_DIR`, else `../shared/nba` beside the checkout (`resolveDataDir`). */
  dataDir: path().optional().meta({ flag: '--data' }),
  /** The night to replay, `YYYY-MM-DD`; default: a busy night of the dataset. */
  date: isoDate().optional(),
  /** Replay speed factor; default: the night in about ten minutes. */
  speed: number(positive, atMost(100_000)).optional(),
  /** A night recorded by `courtside record`, replayed instead of one from the dataset. */
  archive: path().optional(),
});

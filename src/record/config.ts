/** What a user sets of `courtside record`: where the archives go, and the feed it polls. */
import { z } from 'zod';
import { atMost, number, path, positive } from '../config/fields.ts';
import { FeedConfig } from '../feed/config.ts';

export const RecordOptions = z.strictObject({
  outDir: path().meta({ flag: '--out' }),
  ...FeedConfig.shape,
  /** How fast the feed runs: 1 for the NBA, the replay's speed for `courtside replay`. */
  speed: number(positive, atMost(100_000)).default(1),
  exitWhenDone: z.boolean().default(false),
});

/** What a user sets of `data pull`; the rest (miss run, feed tuning, progress) is code's, in `options.ts`. */
import nodePath from 'node:path';
import { z } from 'zod';
import { httpUrl, integerIn, number, path, season } from '../config/fields.ts';
import { PROJECT_ROOT } from '../data/location.ts';
import { DEFAULT_BASE_URL } from '../feed/endpoints.ts';
import { MAX_CONCURRENCY } from './options.ts';

export const PullConfig = z
  .object({
    season: season(),
    to: path().default(nodePath.join(PROJECT_ROOT, 'data/nba')),
    feedUrl: httpUrl().default(DEFAULT_BASE_URL),
    concurrency: number(integerIn(1, MAX_CONCURRENCY)).default(MAX_CONCURRENCY),
  })
  .strict();

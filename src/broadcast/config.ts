/** What a user sets of the stream (flags, environment); its tuning is code's, in `options.ts`. */
import { z } from 'zod';
import { integerIn, number } from '../config/fields.ts';

/** A connection count; the broadcaster's defaults (1,500 in all, 100 per address) when unset. */
const connections = (env: string) => number(integerIn(1, 1_000_000)).optional().meta({ env });

export const BroadcastConfig = z.object({
  maxConnections: connections('COURTSIDE_MAX_CONNECTIONS'),
  maxConnectionsPerAddress: connections('COURTSIDE_MAX_CONNECTIONS_PER_ADDRESS'),
});

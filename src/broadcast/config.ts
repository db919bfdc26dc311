/** What a user sets of the stream (flags, environment); its tuning is code's, in `options.ts`. */
import { z } from 'zod';
import { integerIn, number, origin, secret } from '../config/fields.ts';

/** A connection count; the broadcaster's defaults (1,500 in all, 100 per address) when unset. */
const connections = (env: string) => number(integerIn(1, 1_000_000)).optional().meta({ env });

export const BroadcastConfig = z.object({
  /** Required from every stream client when set: `Authorization: Bearer <token>` or `?token=` (else 401). */
  token: secret('COURTSIDE_TOKEN').optional(),
  /** Browser origins allowed to connect (else 403); clients without an `Origin` header are not browsers and pass. */
  allowedOrigins: z.array(origin()).min(1).optional().meta({ flag: '--allowed-origin', env: 'COURTSIDE_ALLOWED_ORIGINS', envList: true }),
  maxConnections: connections('COURTSIDE_MAX_CONNECTIONS'),
  maxConnectionsPerAddress: connections('COURTSIDE_MAX_CONNECTIONS_PER_ADDRESS'),
});

/** What a user sets of the HTTP server (the stream, the dashboard and the JSON routes share it). */
import { z } from 'zod';
import { port, secret } from '../config/fields.ts';

export const HttpConfig = z.object({
  port: port().default(8765).meta({ env: 'COURTSIDE_PORT' }),
  host: z.string().min(1, { error: 'must be an interface address, got nothing' }).default('0.0.0.0'),
  /** Required as `Authorization: Bearer <token>` by `/metrics` and `/api/*` when set. */
  apiToken: secret('COURTSIDE_API_TOKEN').optional(),
});

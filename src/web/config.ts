/** What a user sets of the dashboard. */
import { z } from 'zod';

export const WebConfig = z.object({
  /** Serve the dashboard (built by `npm run build`); false streams only. */
  dashboard: z.boolean().default(true),
});

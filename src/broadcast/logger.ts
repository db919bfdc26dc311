/**
 * The slice of the `Logger` the broadcaster uses: a `pino()` logger (or a child with bindings)
 * fits as it is, and tests can pass a recorder of the four levels alone.
 */
import type { Logger } from '../domain/logger.ts';

export type BroadcastLogger = Omit<Logger, 'child'>;

export { silentLogger } from '../domain/logger.ts';

/** The broadcast layer's public surface: the pipeline and the CLI import from here only. */
export { Broadcaster, type BroadcastStats } from './broadcaster.ts';
export { BroadcastError, CloseCode, type BroadcastErrorCode } from './errors.ts';
export type { BroadcastLogger, LogMethod } from './logger.ts';
export type { BroadcasterOptions, DurableMessageLog } from './options.ts';
export { GAME_MESSAGE_TYPES, SERVICE_MESSAGE_TYPES, type BroadcastMessage, type GameMessage, type GameMessageType, type MessageSink } from './sink.ts';

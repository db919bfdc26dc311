/** The broadcast layer's public surface: the pipeline and the CLI import from here only. */
export { Broadcaster } from './broadcaster.ts';
export { StreamCore, type CoreOptions, type StreamStats } from './core.ts';
export { BroadcastError, CloseCode, type BroadcastErrorCode } from './errors.ts';
export type { BroadcastLogger } from './logger.ts';
export type { BroadcasterOptions, DurableMessageLog } from './options.ts';
export { GAME_MESSAGE_TYPES, SERVICE_MESSAGE_TYPES, type BroadcastMessage, type GameMessage, type GameMessageType, type MessageSink } from './sink.ts';
export type { Connection, Encode, SocketEvents, SocketHost, StreamSocket } from './socket.ts';
export type { ArchivedGap, ArchivedMessage, GameHold, MessageArchive, MessageTarget, SequencedMessage, SparseTarget } from './source.ts';
export { StreamServer, type BroadcastStats, type StreamServerOptions, type StreamStart } from './stream-server.ts';

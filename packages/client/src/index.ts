/**
 * `@courtside/client`: a typed client for Courtside's real-time NBA stream, for Node ≥ 20 and
 * browsers. See README.md for an example and the whole API.
 */
export { CourtsideClient, type ClientEvents, type InvalidFrame, type UnknownMessage } from './client.ts';
export type { ClientOptions, GameSelection } from './options.ts';
export { MAX_GAMES } from './options.ts';
export type { ConnectionState, ConnectionStatus } from './link.ts';
export type { GameState, Position } from './games.ts';
export type { Backoff } from './backoff.ts';
export { DEFAULT_BACKOFF } from './backoff.ts';
export type { Validate } from './decode.ts';
export { ClientError, type ClientErrorCode } from './errors.ts';
export type { WebSocketConstructor, WebSocketLike } from './socket.ts';
export { nightTally, type NightTally } from './tally.ts';
export type * from './wire.ts';

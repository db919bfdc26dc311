/** Errors the client throws, each with a stable `code` to branch on. */
export type ClientErrorCode =
  /** An option is missing or out of range; the message names it, the accepted values and what was given. */
  | 'ERR_CLIENT_OPTION'
  /** No WebSocket implementation: Node 20 has no global one, so pass `WebSocket` (e.g. from `ws`). */
  | 'ERR_NO_WEBSOCKET'
  /** The client was closed; make a new one. */
  | 'ERR_CLIENT_CLOSED';

export class ClientError extends Error {
  readonly code: ClientErrorCode;
  constructor(code: ClientErrorCode, message: string) {
    super(message);
    this.name = 'ClientError';
    this.code = code;
  }
}

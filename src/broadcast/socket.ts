/**
 * The seam between the protocol core and whatever carries a client's connection: a `ws`
 * WebSocket (`use/ws.ts`), a test's fake. The core asks four things of a connection and nothing
 * else; the transport hands each new one to a `SocketHost` and reports what happens to it through
 * `SocketEvents`. Framing, corking, pings and the close handshake's timing are the transport's.
 */
import type { CloseCause } from './errors.ts';

export interface StreamSocket {
  /** Writes one message, already encoded by the transport's `Encode`, after everything sent before it; dropped once closing. */
  send(wire: Buffer): void;
  /** Starts closing with this code and reason; the transport bounds how long until it reports `closed`. */
  close(code: number, reason: string): void;
  /** Bytes sent before this turn that the peer has not taken yet (what a transport batches within the turn is not the peer's delay). */
  readonly bufferedAmount: number;
  /** Called once, when the core takes the connection: where the socket reports from then on. */
  listen(events: SocketEvents): void;
}

/** Ways a transport ends a connection on its own. */
export type TransportFailure = Extract<CloseCause, 'protocol_error' | 'dead_peer'>;

/** A client frame's bytes: one buffer, or the fragments of one message. */
export type FrameData = Buffer | ArrayBuffer | Buffer[];

export interface SocketEvents {
  message(data: FrameData, isBinary: boolean): void;
  /** The transport is ending the connection (a broken frame, no pong); `closed` follows. */
  failed(cause: TransportFailure, detail: string): void;
  /** The connection is closed, however it ended. */
  closed(code: number): void;
}

/** What a client asked for when it connected. */
export interface Connection {
  /** The peer's address, for logs. */
  readonly address: string;
  /** `?game_ids=` and `?epoch=&last_seq=` (see `connect-query.ts`). */
  readonly query: URLSearchParams;
}

/** The core as a transport sees it: each admitted connection is handed over here. */
export interface SocketHost {
  open(socket: StreamSocket, connection: Connection): void;
}

/** A message's JSON as the bytes `send` writes: built once per broadcast message and shared by every subscriber. */
export type Encode = (json: string) => Buffer;

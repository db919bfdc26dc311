/**
 * The part of a WebSocket this client uses: the browser's `WebSocket`, Node ≥ 22's global one and
 * the `ws` package's class all fit, so none of them is a dependency.
 */

/** A handler type that accepts each implementation's own event type (checked bivariantly, like a method). */
type Handler<E> = { bivarianceHack(event: E): void }['bivarianceHack'];

export interface WebSocketLike {
  readonly readyState: number;
  onopen: Handler<unknown> | null;
  onmessage: Handler<{ readonly data: unknown }> | null;
  onclose: Handler<{ readonly code: number; readonly reason: string }> | null;
  onerror: Handler<unknown> | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

export type WebSocketConstructor = new (url: string) => WebSocketLike;

/** `WebSocket.OPEN`, the same in every implementation. */
export const OPEN = 1;

/** The injected constructor, else the global one (browsers, Node ≥ 22), else undefined (Node 20). */
export function findWebSocket(injected: WebSocketConstructor | undefined): WebSocketConstructor | undefined {
  return injected ?? (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket;
}

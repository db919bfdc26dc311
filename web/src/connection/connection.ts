import { backoffDelay, DEFAULT_BACKOFF, type BackoffOptions } from './backoff.ts';

export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'offline';

/** The part of the browser's WebSocket this uses, so tests can hand in a fake. */
export interface SocketLike {
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onclose: ((ev: unknown) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  close(): void;
}
export type SocketFactory = (url: string) => SocketLike;

export interface ConnectionOptions {
  readonly url: string;
  readonly onMessage: (data: unknown) => void;
  readonly onState: (state: ConnectionState, retryInMs: number | null) => void;
  readonly createSocket?: SocketFactory;
  readonly backoff?: BackoffOptions;
  /** After this many failed attempts in a row the page says offline (and keeps trying). */
  readonly offlineAfter?: number;
  readonly random?: () => number;
}

export interface Connection {
  /** Skip the wait (the "retry now" button, the browser coming back online). */
  retryNow(): void;
  close(): void;
}

/** One WebSocket to the server, reopened with backoff whenever it drops, until `close()`. */
export function connect(options: ConnectionOptions): Connection {
  const createSocket = options.createSocket ?? ((url: string) => new WebSocket(url) as unknown as SocketLike);
  const offlineAfter = options.offlineAfter ?? 5;
  let socket: SocketLike | null = null;
  let failures = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let closed = false;

  const open = (): void => {
    timer = undefined;
    const s = createSocket(options.url);
    socket = s;
    s.onopen = () => {
      if (socket !== s) return;
      failures = 0;
      options.onState('connected', null);
    };
    s.onmessage = (ev) => {
      if (socket === s) options.onMessage(ev.data);
    };
    // The browser always follows an error with close; reconnecting once, from close, is enough.
    s.onerror = () => {};
    s.onclose = () => {
      if (socket !== s || closed) return;
      socket = null;
      failures += 1;
      const delay = backoffDelay(failures, options.backoff ?? DEFAULT_BACKOFF, options.random);
      options.onState(failures > offlineAfter ? 'offline' : 'reconnecting', delay);
      timer = setTimeout(open, delay);
    };
  };

  options.onState('connecting', null);
  open();
  return {
    retryNow() {
      if (closed || socket) return;
      clearTimeout(timer);
      open();
    },
    close() {
      closed = true;
      clearTimeout(timer);
      socket?.close();
      socket = null;
    },
  };
}

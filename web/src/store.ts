/**
 * The Solid side of the dashboard state: the pure reducer's result reconciled into a store, so
 * only what a message changed re-renders, plus the connection and anything the page refused.
 */
import { createSignal } from 'solid-js';
import { createStore, reconcile } from 'solid-js/store';
import type { ConnectionState } from './connection/connection.ts';
import { decodeServerMessage } from './decode.ts';
import { applyMessage, EMPTY, type DashboardState } from './state/dashboard.ts';

export interface Rejected {
  readonly count: number;
  readonly last: string | null;
}

export function createDashboard() {
  let current: DashboardState = EMPTY;
  const [state, setState] = createStore<DashboardState>(structuredClone(EMPTY));
  const [rejected, setRejected] = createSignal<Rejected>({ count: 0, last: null });
  const [connection, setConnection] = createSignal<{ state: ConnectionState; retryInMs: number | null }>({
    state: 'connecting',
    retryInMs: null,
  });

  const receive = (raw: unknown): void => {
    const decoded = decodeServerMessage(raw);
    if (!decoded.ok) {
      // A warning, not an error: the page is fine, it only refused one message.
      console.warn(`courtside: ignored a message that does not match the protocol (${decoded.reason})`);
      setRejected((r) => ({ count: r.count + 1, last: decoded.reason }));
      return;
    }
    current = applyMessage(current, decoded.message, Date.now());
    scheduleRender();
  };

  // A fast replay sends hundreds of messages a second: fold them all in, render once per frame.
  // The timer is the fallback for hidden tabs, where animation frames stop.
  let frame = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const render = (): void => {
    cancelAnimationFrame(frame);
    clearTimeout(timer);
    frame = 0;
    timer = undefined;
    // A copy, because the store adopts and later mutates the objects it is given.
    setState(reconcile(structuredClone(current), { merge: true }));
  };
  const scheduleRender = (): void => {
    if (timer !== undefined) return;
    frame = requestAnimationFrame(render);
    timer = setTimeout(render, 250);
  };

  const setConnectionState = (next: ConnectionState, retryInMs: number | null): void => {
    setConnection({ state: next, retryInMs });
  };

  return { state, rejected, connection, receive, setConnectionState };
}

export type Dashboard = ReturnType<typeof createDashboard>;

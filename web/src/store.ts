/**
 * The Solid side of the dashboard: what the stream client knows, reconciled into a store so only
 * what a message changed re-renders, plus the connection and anything the page refused. The
 * client keeps the games; the page adds the server's clock offset and its last error reply.
 */
import { createSignal } from 'solid-js';
import { createStore, reconcile } from 'solid-js/store';
import type { ConnectionStatus, CourtsideClient, FeedCondition, GameState } from '../../packages/client/src/index.ts';
import type { MinuteForecast } from '../../src/protocol/messages.ts';
import { ForecastTrails } from './forecast-trails.ts';

export interface DashboardState {
  readonly games: Readonly<Record<string, GameState>>;
  /** False until the first snapshot: the page says "waiting" rather than "no games". */
  readonly synced: boolean;
  /** Browser clock minus server clock, so freshness is measured on the server's clock. */
  readonly clockOffsetMs: number;
  readonly serverError: string | null;
  /** Each game's minute forecasts, by minute. */
  readonly trails: Readonly<Record<string, readonly MinuteForecast[]>>;
  /** How the server's NBA feed is doing; null until the server says. */
  readonly feed: FeedCondition | null;
}

export interface Rejected {
  readonly count: number;
  readonly last: string | null;
}

export function createDashboard(client: CourtsideClient) {
  const [state, setState] = createStore<DashboardState>({ games: {}, synced: false, clockOffsetMs: 0, serverError: null, trails: {}, feed: null });
  const trails = new ForecastTrails();
  const [rejected, setRejected] = createSignal<Rejected>({ count: 0, last: null });
  const [connection, setConnection] = createSignal<ConnectionStatus>(client.connection);
  let clockOffsetMs = 0;
  let serverError: string | null = null;

  client.on('connection', setConnection);
  client.on('invalid', ({ reason }) => {
    // A warning, not an error: the page is fine, it only refused one message.
    console.warn(`courtside: ignored a message that does not match the protocol (${reason})`);
    setRejected((r) => ({ count: r.count + 1, last: reason }));
  });
  client.on('message', (message) => {
    clockOffsetMs = Date.now() - Date.parse(message.timestamp);
    if (message.type === 'error') serverError = `${message.code}: ${message.message}`;
    else if (message.type === 'snapshot') serverError = null;
    if (message.type === 'forecast_update') {
      const { type: _t, seq: _s, timestamp, game_id, ...forecast } = message;
      trails.add(game_id, { ...forecast, made_at: timestamp });
    }
    scheduleRender();
  });
  client.on('sync', (games) => {
    for (const game of games.values()) {
      if (!game.minute_forecast) continue;
      trails.add(game.game_id, game.minute_forecast);
      if (trails.hasGap(game.game_id)) void trails.fetchHistory(game.game_id).then((filled) => filled && scheduleRender());
    }
  });

  // A fast replay sends hundreds of messages a second: fold them all in, render once per frame.
  // The timer is the fallback for hidden tabs, where animation frames stop.
  let frame = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const render = (): void => {
    cancelAnimationFrame(frame);
    clearTimeout(timer);
    frame = 0;
    timer = undefined;
    const next: DashboardState = { games: Object.fromEntries(client.games), synced: client.synced, clockOffsetMs, serverError, trails: trails.all(), feed: client.feed };
    // A copy, because the store adopts and later mutates the objects it is given.
    setState(reconcile(structuredClone(next), { merge: true }));
  };
  const scheduleRender = (): void => {
    if (timer !== undefined) return;
    frame = requestAnimationFrame(render);
    timer = setTimeout(render, 250);
  };

  return { state, rejected, connection };
}

export type Dashboard = ReturnType<typeof createDashboard>;

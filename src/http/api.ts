/**
 * The HTTP side of the service, beside the WebSocket on the same port: `/health`, `/metrics`
 * (Prometheus), and `/api/games[/:id]`, which answer with exactly the state a `snapshot` carries (one game adds its
 * `forecast_history`).
 * With a token, `/metrics` and `/api/*` answer only requests bearing it. `/health` stays open: load
 * balancers and orchestrators probe it without credentials, and it tells nothing beyond the
 * service's own state and public scores.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Registry } from 'prom-client';
import type { GameSnapshot, MinuteForecast } from '../protocol/messages.ts';
import type { BearerToken } from './bearer-token.ts';

export interface HealthReport {
  readonly status: 'ok' | 'degraded';
  readonly [key: string]: unknown;
}

export interface ApiSources {
  snapshot(): readonly GameSnapshot[];
  /** Every `forecast_update` of a game, by minute; `/api/games/:id` carries it as `forecast_history`. */
  forecastHistory?(gameId: string): readonly MinuteForecast[];
  health(): HealthReport;
  readonly registry: Registry;
  /** Required by `/metrics` and `/api/*` when given. */
  readonly token?: BearerToken | undefined;
}

const GAME_PATH = /^\/api\/games\/([^/]+)$/;

/** Returns true when the request was one of these routes (and has been answered). */
export function createApiHandler(sources: ApiSources): (req: IncomingMessage, res: ServerResponse) => boolean {
  return (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const route = url.pathname;
    if (route !== '/health' && route !== '/metrics' && !route.startsWith('/api/')) return false;
    if (route !== '/health' && sources.token && !sources.token.allows(req)) {
      json(res, 401, { error: 'unauthorized', message: `${route} needs a valid token: Authorization: Bearer <token>` }, { 'www-authenticate': 'Bearer realm="courtside"' });
      return true;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      json(res, 405, { error: 'method_not_allowed', message: `${req.method} is not supported on ${route}` }, { allow: 'GET, HEAD' });
      return true;
    }
    if (route === '/health') {
      const report = sources.health();
      json(res, report.status === 'ok' ? 200 : 503, report);
    } else if (route === '/metrics') {
      void sources.registry.metrics().then(
        (text) => res.writeHead(200, { 'content-type': sources.registry.contentType, 'cache-control': 'no-store' }).end(text),
        (err: Error) => json(res, 500, { error: 'metrics_failed', message: err.message }),
      );
    } else if (route === '/api/games') {
      json(res, 200, { games: sources.snapshot() });
    } else {
      const id = GAME_PATH.exec(route)?.[1];
      const game = id === undefined ? undefined : sources.snapshot().find((g) => g.game_id === id);
      if (game) json(res, 200, { ...game, forecast_history: sources.forecastHistory?.(game.game_id) ?? [] });
      else json(res, 404, { error: 'not_found', message: id ? `no tracked game ${id}` : `no route ${route}` });
    }
    return true;
  };
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers }).end(JSON.stringify(body));
}

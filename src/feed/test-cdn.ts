/**
 * A real HTTP server on a loopback port for the feed client's tests: each test answers with its
 * own handler and reads back what the client actually sent.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SeenRequest {
  readonly url: string;
  readonly headers: http.IncomingHttpHeaders;
}

export interface TestCdn {
  /** Base URL to give the client, ending in `/static/json/liveData` like the real CDN's. */
  readonly baseUrl: string;
  readonly requests: SeenRequest[];
  close(): Promise<void>;
}

export type Handler = (req: http.IncomingMessage, res: http.ServerResponse, index: number) => void;

export async function startTestCdn(handler: Handler): Promise<TestCdn> {
  const requests: SeenRequest[] = [];
  const server = http.createServer((req, res) => {
    requests.push({ url: req.url ?? '', headers: req.headers });
    handler(req, res, requests.length - 1);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/static/json/liveData`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function sendJson(res: http.ServerResponse, body: unknown, headers: http.OutgoingHttpHeaders = {}, status = 200): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

/** The smallest scoreboard that satisfies the schema: one live game. */
export function scoreboardFixture(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    scoreboard: {
      gameDate: '2023-04-20',
      games: [
        {
          gameId: '0042200123',
          gameCode: '20230420/PHIBKN',
          gameStatus: 2,
          gameStatusText: 'Q3 7:15',
          period: 3,
          gameClock: 'PT07M15.00S',
          gameTimeUTC: '2023-04-20T23:30:00Z',
          gameEt: '2023-04-20T19:30:00Z',
          homeTeam: { teamTricode: 'BKN', score: 70 },
          awayTeam: { teamTricode: 'PHI', score: 75 },
          ...overrides,
        },
      ],
    },
  };
}

/**
 * `watch` against a real WebSocket server on port 0 that plays a scripted stream: the lines it
 * prints off a terminal, the frames it draws on one, and what it says when the server is gone.
 */
import assert from 'node:assert/strict';
import { once } from 'node:events';
import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import { WebSocketServer, type WebSocket } from 'ws';
import { forecast, GAME_A, game, halftime, progress, score, snapshot } from '../../packages/client/src/testing/messages.ts';
import { watch } from './watch.ts';

const NOW = () => new Date(2017, 9, 17, 20, 5, 9);

/** A server that sends `script` to each connection (on port 0, or a given one to come back on). */
async function server(script: readonly object[], port = 0): Promise<{ url: string; sockets: Set<WebSocket>; close(): Promise<void> }> {
  const wss = new WebSocketServer({ port, host: '127.0.0.1' });
  await once(wss, 'listening');
  const sockets = new Set<WebSocket>();
  wss.on('connection', (ws) => {
    sockets.add(ws);
    for (const m of script) ws.send(JSON.stringify(m));
  });
  return {
    url: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`,
    sockets,
    close: async () => {
      for (const ws of sockets) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}

class Output {
  text = '';
  isTTY?: boolean;
  columns?: number;
  rows?: number;
  write(chunk: string): boolean {
    this.text += chunk;
    return true;
  }
  async until(pattern: RegExp, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!pattern.test(this.text)) {
      if (Date.now() > deadline) throw new Error(`no ${pattern} in:\n${this.text}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
}

const NIGHT = [
  snapshot(1, [game(GAME_A, { pattern: [] })]),
  score(2, GAME_A, { period: 2, clock: '06:00', away_score: 30, home_score: 35 }),
  progress(3, GAME_A, Array(18).fill(5)),
  forecast(4, GAME_A),
  { type: 'lineup_update', seq: 5, timestamp: '2017-10-17T23:01:00.000Z', state: 'failing' },
  halftime(6, GAME_A, 7),
];

describe('courtside watch', () => {
  it('prints one line per event off a terminal, a newer server\'s message types included, and the tally when stopped', async () => {
    const stream = await server(NIGHT);
    const out = new Output();
    const watching = watch({ url: stream.url, out, now: NOW });
    try {
      await out.until(/halftime {2}0021700001/);
      await watching.stop();
      assert.equal(await watching.exited, 0);
      assert.deepEqual(out.text.split('\n'), [
        '20:05:09 snapshot  1 game',
        '20:05:09 game      0021700001 BOS 10 @ CLE 12 · Q1 6:30 · CLE by 2',
        '20:05:09 score     0021700001 BOS 30 @ CLE 35 · Q2 6:00',
        '20:05:09 minute    0021700001 BOS @ CLE · minute 18 · lead +5',
        '20:05:09 forecast  0021700001 BOS @ CLE · halftime lead +3.4 [-7.1, +13.9] 95%',
        '20:05:09 lineup_update · state=failing',
        '20:05:09 halftime  0021700001 BOS @ CLE · +7 covered (forecast +3.4 [-7.1, +13.9], off by 3.6)',
        'Tonight: 1 game · 1 forecast · 1 graded · 1 inside the interval (100%) · MAE 3.6',
        '',
      ]);
    } finally {
      await stream.close();
    }
  });

  it('says it is reconnecting, and why, when a server that answered goes away', async () => {
    const stream = await server(NIGHT.slice(0, 2));
    const out = new Output();
    const watching = watch({ url: stream.url, out, now: NOW });
    try {
      await out.until(/score {5}0021700001/);
      await stream.close();
      await out.until(/connection reconnecting, next try in \d+\.\d s \(connect ECONNREFUSED 127\.0\.0\.1:\d+\)/);
      // Back on the same port: it says so, and goes on from there.
      const again = await server([snapshot(9, [game(GAME_A, { data: { ...game(GAME_A).data, home_score: 50 } })], 'e2')], Number(new URL(stream.url).port));
      try {
        await out.until(/connection open again; resuming where it was\n.* snapshot {2}1 game\n.* game {6}0021700001 BOS 10 @ CLE 50/);
      } finally {
        await again.close();
      }
    } finally {
      await watching.stop();
    }
    assert.equal(await watching.exited, 0);
  });

  it('exits 2 with one line when nothing answers at the URL', async () => {
    const stream = await server([]);
    const url = stream.url;
    await stream.close();
    const out = new Output();
    const problems: string[] = [];
    const watching = watch({ url, out, now: NOW, problems: (l) => problems.push(l) });
    assert.equal(await watching.exited, 2);
    assert.equal(out.text, '');
    assert.equal(problems.length, 1);
    assert.match(problems[0] as string, /^courtside watch: no stream at ws:\/\/127\.0\.0\.1:\d+\/: connect ECONNREFUSED 127\.0\.0\.1:\d+; is `courtside serve` running there\?$/);
  });

  it('exits 2 naming the status when the server refuses the connection', async () => {
    const { createServer } = await import('node:http');
    const http = createServer((_req, res) => res.writeHead(401).end());
    http.listen(0, '127.0.0.1');
    await once(http, 'listening');
    const problems: string[] = [];
    try {
      const watching = watch({ url: `ws://127.0.0.1:${(http.address() as AddressInfo).port}`, out: new Output(), problems: (l) => problems.push(l) });
      assert.equal(await watching.exited, 2);
    } finally {
      http.close();
    }
    assert.match(problems[0] as string, /no stream at ws:\/\/127\.0\.0\.1:\d+\/: Unexpected server response: 401; the server wants its token: pass --token or set COURTSIDE_TOKEN$/);
  });

  it('sends the token a server requires', async () => {
    const wss = new WebSocketServer({ port: 0, host: '127.0.0.1', verifyClient: ({ req }: { req: IncomingMessage }) => new URL(req.url ?? '/', 'ws://x').searchParams.get('token') === 's3cret' });
    await once(wss, 'listening');
    wss.on('connection', (ws) => ws.send(JSON.stringify(NIGHT[0])));
    const url = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`;
    const out = new Output();
    const problems: string[] = [];
    const wrong = watch({ url, token: 'guess', out, problems: (l) => problems.push(l) });
    assert.equal(await wrong.exited, 2);
    assert.match(problems[0] as string, /401; the server wants its token: this one is not it$/);
    const right = watch({ url, token: 's3cret', out, now: NOW });
    try {
      await out.until(/snapshot {2}1 game/);
    } finally {
      await right.stop();
      for (const ws of wss.clients) ws.terminate();
      await new Promise((resolve) => wss.close(resolve));
    }
  });

  it('draws the board in place on a terminal, sized to it, and leaves the shell\'s screen as it was', async () => {
    const stream = await server(NIGHT);
    const out = Object.assign(new Output(), { isTTY: true, columns: 90, rows: 12 });
    const watching = watch({ url: stream.url, out, now: NOW });
    try {
      await out.until(/\+7 covered/);
      const frames = out.text.split('\x1b[H').slice(1).map((f) => f.replace(/\x1b\[[JK]/g, '').split('\r\n'));
      const last = frames.at(-1) as string[];
      assert.ok(out.text.startsWith('\x1b[?1049h\x1b[?25l'));
      assert.match(last[0] as string, /^Courtside · ws:\/\/127\.0\.0\.1:\d+\/ · live · 1 game +20:05:09$/);
      // 90 columns: the pattern column gives way.
      assert.equal(last[1], 'GAME               CLOCK        LEAD        FORECAST (95%)        HALFTIME');
      assert.equal(last[2], 'BOS 30 @ CLE 35    Q2 6:00      CLE by 5    +3.4 [-7.1, +13.9]    +7 covered');
      assert.ok(frames.every((f) => f.length <= 12 && f.every((l) => l.length <= 90)));
      assert.ok(!/\n\x1b\[J/.test(out.text), 'no newline after the last line: a full frame never scrolls');
    } finally {
      await watching.stop();
      await stream.close();
    }
    assert.ok(out.text.endsWith('\x1b[?25h\x1b[?1049lTonight: 1 game · 1 forecast · 1 graded · 1 inside the interval (100%) · MAE 3.6\n'));
  });

  it('refuses a game id or a token that is not one, before connecting', () => {
    assert.throws(() => watch({ url: 'ws://127.0.0.1:1', game: '12', out: new Output() }), /--game: .*"12" is not a game id/);
    assert.throws(() => watch({ url: 'ws://127.0.0.1:1', token: '', out: new Output() }), /^WatchError: --token: token must be a non-empty string/);
  });
});

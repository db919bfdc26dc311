/**
 * The stream over `ws`: admits or refuses each HTTP upgrade (path, origin, token, connection
 * limits) before any WebSocket state exists, completes the handshake, and hands every accepted
 * connection to the core as a `WsSocket`. Owns what is WebSocket about the stream: framing
 * (`encode`), the raw corked write path and the startup check it relies on, the hard payload cap
 * (ws closes with 1009 beyond it, without reading the frame), and pings that find dead peers.
 */
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { BroadcastLogger } from '../logger.ts';
import { LogThrottle } from '../log-throttle.ts';
import type { Encode, SocketHost } from '../socket.ts';
import { Tally } from '../tally.ts';
import { Gate, refuse, REFUSAL_CAUSES, type Admission, type AdmissionPolicy, type RefusalCause } from './admission.ts';
import { Corks } from './corks.ts';
import { Heartbeat } from './heartbeat.ts';
import { assertRawWritable } from './raw-write-check.ts';
import { rejectUpgrade } from './reject.ts';
import { textFrame } from './text-frame.ts';
import { WsSocket } from './ws-socket.ts';

/** Validated by `resolveOptions` (`options.ts`), where each is documented. */
export interface WsTransportOptions extends AdmissionPolicy {
  readonly server: Server | undefined;
  readonly hardMaxPayloadBytes: number;
  readonly heartbeatIntervalMs: number;
  readonly closeGraceMs: number;
  readonly logger: BroadcastLogger;
}

export interface AdmissionStats {
  readonly rejectedConnections: number;
  /** Upgrades refused, by cause; they sum to `rejectedConnections`. */
  readonly refusals: Readonly<Record<RefusalCause, number>>;
}

/** Refusals reach the log at most this often per cause; all are counted. */
const LOG_EVERY_MS = 1_000;

export class WsTransport {
  /** Each message's JSON as one WebSocket text frame, for the core to build once per message. */
  static readonly encode: Encode = textFrame;

  readonly #options: WsTransportOptions;
  readonly #host: SocketHost;
  readonly #wss: WebSocketServer;
  readonly #gate: Gate;
  readonly #corks = new Corks();
  readonly #live = new Set<WsSocket>();
  readonly #heartbeat: Heartbeat<WsSocket>;
  readonly #refusals = new Tally(REFUSAL_CAUSES);
  readonly #refusalLog: LogThrottle;
  readonly #onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => this.handleUpgrade(req, socket, head);
  #rejected = 0;
  #closing = false;

  constructor(options: WsTransportOptions, host: SocketHost) {
    this.#options = options;
    this.#host = host;
    this.#gate = new Gate(options);
    // No compression: `WsSocket.send` relies on every frame reaching the socket synchronously, in call order.
    this.#wss = new WebSocketServer({ noServer: true, maxPayload: options.hardMaxPayloadBytes, clientTracking: false, perMessageDeflate: false });
    assertRawWritable(this.#wss);
    this.#heartbeat = new Heartbeat(options.heartbeatIntervalMs, () => this.#live, (socket) => socket.dead());
    const log = options.logger;
    this.#refusalLog = new LogThrottle(LOG_EVERY_MS, (cause, suppressed) => log.info({ cause, suppressed }, `connection refused: ${suppressed} more (${cause}) in the last second`));
    this.#heartbeat.start();
    options.server?.on('upgrade', this.#onUpgrade);
  }

  /** For servers that route upgrades themselves; attached automatically when `server` is given. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const admission: Admission = this.#closing ? refuse('shutting_down', 503, 'server shutting down') : this.#gate.admit(req);
    if (!admission.ok) {
      this.#rejected += 1;
      this.#refusals.add(admission.cause);
      if (this.#refusalLog.admit(admission.cause)) {
        // The path only: the query may carry the token.
        const path = (req.url ?? '').split('?')[0];
        this.#options.logger.info({ status: admission.status, cause: admission.cause, address: req.socket.remoteAddress, path }, `connection refused: ${admission.reason}`);
      }
      rejectUpgrade(socket, admission.status, admission.reason, admission.headers);
      return;
    }
    // The raw socket closes exactly once whatever happens (handshake failure, close, terminate).
    socket.once('close', admission.release);
    this.#wss.handleUpgrade(req, socket, head, (ws) => this.#connected(ws, socket, admission.address, admission.url));
  }

  stats(): AdmissionStats {
    return { rejectedConnections: this.#rejected, refusals: this.#refusals.counts() };
  }

  /** Upgrades are refused with 503 from now on (until the HTTP server itself closes), and pings stop. */
  stopAdmitting(): void {
    this.#closing = true;
    this.#heartbeat.stop();
  }

  /** Once the core has closed its clients. */
  async close(): Promise<void> {
    this.stopAdmitting();
    this.#refusalLog.flush();
    await new Promise<void>((resolve) => this.#wss.close(() => resolve()));
  }

  #connected(ws: WebSocket, stream: Duplex, address: string, url: URL): void {
    const socket = new WsSocket(ws, stream, this.#corks, this.#options.closeGraceMs, this.#live);
    this.#host.open(socket, { address, query: url.searchParams });
  }
}

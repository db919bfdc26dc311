/**
 * A loopback TCP relay whose address is known before its upstream exists. Connections that
 * arrive early are held (accepted, not answered) and relayed once `connectTo` names the upstream.
 *
 * Why: `courtside replay` starts its night the moment it listens, and `courtside serve` takes
 * seconds to start. Started together against the relay, the services are ready when the night
 * begins, and their first polls wait instead of being refused (refusals would open the feed
 * client's circuit breaker for 30 real seconds).
 */
import net from 'node:net';

export class TcpRelay {
  readonly #server: net.Server;
  readonly #held: net.Socket[] = [];
  readonly #open = new Set<net.Socket>();
  #upstream: number | undefined;

  private constructor(server: net.Server) {
    this.#server = server;
    server.on('connection', (socket) => this.#accepted(socket));
  }

  static async start(): Promise<TcpRelay> {
    const server = net.createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    return new TcpRelay(server);
  }

  get port(): number {
    return (this.#server.address() as net.AddressInfo).port;
  }

  /** Relays every held connection, and every later one, to `127.0.0.1:port`. */
  connectTo(port: number): void {
    this.#upstream = port;
    for (const socket of this.#held.splice(0)) this.#relay(socket, port);
  }

  /** Cuts every relayed connection at once, as a network failure would; new ones are relayed as before. */
  dropConnections(): void {
    for (const socket of this.#open) socket.destroy();
  }

  async close(): Promise<void> {
    for (const socket of [...this.#open, ...this.#held]) socket.destroy();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  #accepted(socket: net.Socket): void {
    this.#open.add(socket);
    socket.once('close', () => this.#open.delete(socket));
    socket.on('error', () => socket.destroy());
    if (this.#upstream === undefined) {
      // Held: what the client sends meanwhile stays buffered in the socket until relayed.
      socket.pause();
      this.#held.push(socket);
    } else {
      this.#relay(socket, this.#upstream);
    }
  }

  #relay(socket: net.Socket, port: number): void {
    if (socket.destroyed) return;
    const upstream = net.connect(port, '127.0.0.1');
    this.#open.add(upstream);
    upstream.once('close', () => {
      this.#open.delete(upstream);
      socket.destroy();
    });
    upstream.on('error', () => upstream.destroy());
    socket.once('close', () => upstream.destroy());
    socket.pipe(upstream);
    upstream.pipe(socket);
    socket.resume();
  }
}

/**
 * A round-robin TCP load balancer on loopback, as in front of several edges: each connection goes
 * to the next backend, or the one after when that one refuses (a dead edge), and is cut when its
 * backend goes away, as a real balancer's would be.
 */
import net from 'node:net';

export class TcpBalancer {
  readonly #server: net.Server;
  readonly #backends: number[];
  readonly #open = new Set<net.Socket>();
  #next = 0;

  private constructor(server: net.Server, backends: number[]) {
    this.#server = server;
    this.#backends = backends;
    server.on('connection', (socket) => this.#accepted(socket));
  }

  static async start(backends: readonly number[]): Promise<TcpBalancer> {
    const server = net.createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    return new TcpBalancer(server, [...backends]);
  }

  get port(): number {
    return (this.#server.address() as net.AddressInfo).port;
  }

  #accepted(client: net.Socket, tried = 0): void {
    this.#open.add(client);
    client.once('close', () => this.#open.delete(client));
    client.pause();
    const port = this.#backends[this.#next++ % this.#backends.length] as number;
    const upstream = net.connect(port, '127.0.0.1');
    upstream.once('error', () => {
      if (upstream.readyState === 'opening' || !upstream.remoteAddress) {
        if (tried + 1 < this.#backends.length && !client.destroyed) this.#accepted(client, tried + 1);
        else client.destroy();
        return;
      }
      client.destroy();
    });
    upstream.once('connect', () => {
      this.#open.add(upstream);
      upstream.once('close', () => {
        this.#open.delete(upstream);
        client.destroy();
      });
      client.once('close', () => upstream.destroy());
      client.on('error', () => upstream.destroy());
      client.pipe(upstream);
      upstream.pipe(client);
      client.resume();
    });
  }

  async close(): Promise<void> {
    for (const socket of this.#open) socket.destroy();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }
}

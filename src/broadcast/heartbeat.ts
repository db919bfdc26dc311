/**
 * Finds dead peers: a TCP connection can vanish without a FIN (a laptop lid, a NAT timeout), and
 * only an unanswered ping reveals it. One timer for all clients.
 */
import type { Client } from './client.ts';

export class Heartbeat {
  readonly #intervalMs: number;
  readonly #clients: () => Iterable<Client>;
  readonly #onDead: (client: Client) => void;
  #timer: NodeJS.Timeout | undefined;

  constructor(intervalMs: number, clients: () => Iterable<Client>, onDead: (client: Client) => void) {
    this.#intervalMs = intervalMs;
    this.#clients = clients;
    this.#onDead = onDead;
  }

  start(): void {
    if (this.#timer) return;
    this.#timer = setInterval(() => this.#beat(), this.#intervalMs);
    this.#timer.unref();
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  #beat(): void {
    for (const client of [...this.#clients()]) {
      if (!client.isAlive) {
        this.#onDead(client);
        continue;
      }
      client.isAlive = false;
      client.ws.ping();
    }
  }
}

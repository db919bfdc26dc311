/**
 * Real `nats-server` processes for tests: one node, or a three-node JetStream cluster, on free
 * loopback ports, each with its own store in a temporary folder. A node can be stopped, killed and
 * started again on the same ports and store, as an operator would restart one.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const NATS_SERVER_BIN = process.env.NATS_SERVER_BIN ?? '/usr/sbin/nats-server';

export interface NatsNode {
  readonly name: string;
  /** `nats://127.0.0.1:port` */
  readonly url: string;
  readonly running: boolean;
  /** SIGTERM, then waits for the exit. */
  stop(): Promise<void>;
  /** SIGKILL, then waits for the exit. */
  kill(): Promise<void>;
  /** Starts the node again on its ports and store; resolves when it reports healthy. */
  start(): Promise<void>;
}

export interface NatsCluster {
  readonly nodes: readonly NatsNode[];
  /** Every node's URL, comma-separated, as `--nats` takes them. */
  readonly servers: string;
  close(): Promise<void>;
}

/** Ports that were free a moment ago: a cluster's routes must be known before its nodes start. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** `size` 1: a lone JetStream server; 3: a cluster (JetStream needs a quorum of the three). */
export async function startNats(size: 1 | 3 = 1): Promise<NatsCluster> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'courtside-nats-'));
  const ports = await Promise.all(Array.from({ length: size }, async () => ({ client: await freePort(), route: await freePort(), http: await freePort() })));
  const routes = ports.map((p) => `nats://127.0.0.1:${p.route}`).join(',');
  const nodes = ports.map((p, i) => {
    const name = `n${i + 1}`;
    const args = ['-a', '127.0.0.1', '-p', String(p.client), '-m', String(p.http), '-js', '-sd', path.join(dir, name), '--server_name', name];
    if (size > 1) args.push('--cluster_name', 'courtside', '--cluster', `nats://127.0.0.1:${p.route}`, '--routes', routes);
    return new Node(name, p.client, p.http, args);
  });
  try {
    await Promise.all(nodes.map((n) => n.start()));
  } catch (error) {
    await Promise.all(nodes.map((n) => n.kill()));
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    nodes,
    servers: nodes.map((n) => n.url).join(','),
    async close() {
      await Promise.all(nodes.map((n) => n.kill()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

class Node implements NatsNode {
  #child: ChildProcess | undefined;
  #exited: Promise<void> = Promise.resolve();
  #stderr = '';

  constructor(readonly name: string, readonly port: number, readonly httpPort: number, readonly args: readonly string[]) {}

  get url(): string {
    return `nats://127.0.0.1:${this.port}`;
  }

  get running(): boolean {
    return this.#child !== undefined;
  }

  async start(): Promise<void> {
    if (this.#child) return;
    const child = spawn(NATS_SERVER_BIN, this.args, { stdio: ['ignore', 'ignore', 'pipe'] });
    this.#child = child;
    this.#stderr = '';
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (this.#stderr = (this.#stderr + chunk).slice(-4_000)));
    this.#exited = new Promise((resolve) => child.once('exit', () => {
      if (this.#child === child) this.#child = undefined;
      resolve();
    }));
    await this.#healthy();
  }

  stop(): Promise<void> {
    return this.#signal('SIGTERM');
  }

  kill(): Promise<void> {
    return this.#signal('SIGKILL');
  }

  async #signal(signal: NodeJS.Signals): Promise<void> {
    this.#child?.kill(signal);
    await this.#exited;
  }

  /** `/healthz` answers 200 once the node serves clients and its JetStream is up (and has a meta leader). */
  async #healthy(): Promise<void> {
    const deadline = Date.now() + 20_000;
    for (;;) {
      if (!this.#child) throw new Error(`nats-server ${this.name} exited at start: ${this.#stderr.trim()}`);
      try {
        const res = await fetch(`http://127.0.0.1:${this.httpPort}/healthz`);
        if (res.ok) return;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error(`nats-server ${this.name} not healthy within 20 s: ${this.#stderr.trim()}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

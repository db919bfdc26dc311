/**
 * Who may open a stream: the checks run on the HTTP upgrade request, before any WebSocket state
 * exists, so a refused client costs one short HTTP answer. Admitted clients hold a connection slot
 * (total and per address) until their socket closes.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export interface AdmissionPolicy {
  readonly path: string;
  readonly allowedOrigins: ReadonlySet<string> | undefined;
  readonly token: string | undefined;
  readonly maxConnections: number;
  readonly maxConnectionsPerAddress: number;
}

/** Why an upgrade was refused, as counted on `/metrics` and keyed in the log. */
export const REFUSAL_CAUSES = ['bad_target', 'wrong_path', 'origin_not_allowed', 'bad_token', 'server_full', 'address_full', 'shutting_down'] as const;
export type RefusalCause = (typeof REFUSAL_CAUSES)[number];

export type Refusal = {
  readonly ok: false;
  readonly cause: RefusalCause;
  readonly status: number;
  readonly reason: string;
  readonly headers: Readonly<Record<string, string>>;
};

export type Admission = { readonly ok: true; readonly url: URL; readonly address: string; readonly release: () => void } | Refusal;

export class Gate {
  readonly #policy: AdmissionPolicy;
  readonly #tokenDigest: Buffer | undefined;
  readonly #perAddress = new Map<string, number>();
  #open = 0;

  constructor(policy: AdmissionPolicy) {
    this.#policy = policy;
    this.#tokenDigest = policy.token === undefined ? undefined : digest(policy.token);
  }

  /** Connections holding a slot, including those still completing the handshake. */
  get open(): number {
    return this.#open;
  }

  admit(req: IncomingMessage): Admission {
    const url = parseTarget(req.url);
    if (!url) return refuse('bad_target', 400, 'the request target is not a valid URL');
    if (url.pathname !== this.#policy.path) return refuse('wrong_path', 404, `no WebSocket endpoint at ${url.pathname}`);
    const origin = req.headers.origin;
    if (origin !== undefined && this.#policy.allowedOrigins && !this.#policy.allowedOrigins.has(origin)) {
      return refuse('origin_not_allowed', 403, `origin ${origin} is not allowed`);
    }
    if (this.#tokenDigest && !this.#tokenMatches(req, url)) {
      return refuse('bad_token', 401, 'a valid bearer token is required (Authorization header or ?token=)', { 'WWW-Authenticate': 'Bearer' });
    }
    if (this.#open >= this.#policy.maxConnections) {
      return refuse('server_full', 503, `server is at its limit of ${this.#policy.maxConnections} connections`, { 'Retry-After': '5' });
    }
    const address = normalizeAddress(req.socket.remoteAddress);
    const fromAddress = this.#perAddress.get(address) ?? 0;
    if (fromAddress >= this.#policy.maxConnectionsPerAddress) {
      return refuse('address_full', 429, `${address} already has ${fromAddress} connections (limit ${this.#policy.maxConnectionsPerAddress})`, { 'Retry-After': '5' });
    }
    this.#open += 1;
    this.#perAddress.set(address, fromAddress + 1);
    let released = false;
    const release = (): void => {
      if (released) return;
      released = true;
      this.#open -= 1;
      const left = (this.#perAddress.get(address) ?? 1) - 1;
      if (left > 0) this.#perAddress.set(address, left);
      else this.#perAddress.delete(address);
    };
    return { ok: true, url, address, release };
  }

  #tokenMatches(req: IncomingMessage, url: URL): boolean {
    const header = req.headers.authorization;
    const bearer = header === undefined ? undefined : /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1];
    const given = bearer ?? url.searchParams.get('token');
    // Digests have equal length, so the comparison takes the same time whatever was sent.
    return given !== null && given !== undefined && timingSafeEqual(digest(given), this.#tokenDigest as Buffer);
  }
}

function parseTarget(target: string | undefined): URL | undefined {
  try {
    return new URL(target ?? '/', 'ws://courtside.invalid');
  } catch {
    return undefined;
  }
}

export function refuse(cause: RefusalCause, status: number, reason: string, headers: Record<string, string> = {}): Refusal {
  return { ok: false, cause, status, reason, headers };
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

/** `::ffff:127.0.0.1` and `127.0.0.1` are the same client. */
function normalizeAddress(address: string | undefined): string {
  if (address === undefined) return 'unknown';
  return address.startsWith('::ffff:') ? address.slice(7) : address;
}

/**
 * A shared secret an HTTP request must carry as `Authorization: Bearer <token>`. Compared as
 * SHA-256 digests, which have equal length, so the comparison takes the same time whatever was
 * sent and leaks nothing of the token's length or prefix.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { invalidOption } from '../errors.ts';

const BEARER = /^Bearer[ \t]+(\S+)[ \t]*$/i;

export class BearerToken {
  readonly #digest: Buffer;

  constructor(token: string) {
    if (typeof token !== 'string' || !/^\S+$/.test(token)) {
      throw invalidOption('BearerToken', 'the token must be a non-empty string without whitespace');
    }
    this.#digest = digest(token);
  }

  allows(req: IncomingMessage): boolean {
    const given = BEARER.exec(req.headers.authorization ?? '')?.[1];
    return given !== undefined && timingSafeEqual(digest(given), this.#digest);
  }
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

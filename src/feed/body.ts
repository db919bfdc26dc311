/**
 * Reading a response body into memory with a ceiling. `Response.arrayBuffer()` holds whatever the
 * server sends before anyone can look at its size (a 200 MB body cost the service ~1 GB of RSS);
 * here the body is read chunk by chunk and the connection dropped as soon as the ceiling is
 * passed, so no body ever costs more than its limit.
 */

export interface BodyRead {
  readonly bytes: Uint8Array;
  /** False when the body went on past `maxBytes`: `bytes` holds its first `maxBytes` only. */
  readonly complete: boolean;
}

const EMPTY = new Uint8Array(0);

export async function readBody(response: Response, maxBytes: number): Promise<BodyRead> {
  if (!response.body) return { bytes: EMPTY, complete: true };
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return { bytes: join(chunks, total), complete: true };
    if (total + value.byteLength > maxBytes) {
      chunks.push(value.subarray(0, maxBytes - total));
      // Cancelling the stream closes the connection: the rest is never downloaded.
      await reader.cancel().catch(() => undefined);
      return { bytes: join(chunks, maxBytes), complete: false };
    }
    chunks.push(value);
    total += value.byteLength;
  }
}

/** The declared length when the body travels unencoded (a gzip length says nothing of the decoded size). */
export function declaredLength(headers: Headers): number | undefined {
  const encoding = headers.get('content-encoding');
  if (encoding !== null && encoding.trim().toLowerCase() !== 'identity') return undefined;
  const value = headers.get('content-length');
  const length = value === null ? Number.NaN : Number(value);
  return Number.isSafeInteger(length) && length >= 0 ? length : undefined;
}

function join(chunks: readonly Uint8Array[], total: number): Uint8Array {
  if (chunks.length === 1) return chunks[0] as Uint8Array;
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

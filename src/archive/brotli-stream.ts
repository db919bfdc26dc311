/**
 * One brotli stream per archive segment, cut at record boundaries: each record is compressed with
 * the stream's history as context (a 16 MB window, so the previous copy of the same play-by-play
 * is within reach even on a 15-game night), then flushed, so the bytes written so far always
 * decode to every record written so far. A night of near-identical 200 KB bodies costs little
 * more than what changed between them.
 */
import zlib from 'node:zlib';

const C = zlib.constants;

/** Quality 5: within a few % of the best size here at a fraction of the cost (bench/archive). */
export const BROTLI_QUALITY = 5;

type Brotli = zlib.BrotliCompress | zlib.BrotliDecompress;

/** Feeds one chunk at a time and hands back exactly the output that chunk produced. */
class Pump {
  readonly #stream: Brotli;
  #out: Buffer[] = [];
  #pending: { reject: (error: Error) => void } | undefined;
  #failed: Error | undefined;
  #chain: Promise<unknown> = Promise.resolve();

  constructor(stream: Brotli) {
    this.#stream = stream;
    stream.on('data', (chunk: Buffer) => this.#out.push(chunk));
    stream.on('error', (error: Error) => {
      this.#failed ??= error;
      this.#pending?.reject(error);
    });
  }

  /** `input`, then a flush (or the end of the stream): resolves with the bytes that came out. */
  push(input: Uint8Array | undefined, end = false): Promise<Buffer> {
    const run = this.#chain.then(() => new Promise<Buffer>((resolve, reject) => {
      if (this.#failed) return reject(this.#failed);
      this.#pending = { reject };
      const done = (): void => {
        this.#pending = undefined;
        const out = Buffer.concat(this.#out);
        this.#out = [];
        resolve(out);
      };
      if (end) {
        this.#stream.once('end', done);
        this.#stream.end(input);
        return;
      }
      if (input) this.#stream.write(input);
      this.#stream.flush(C.BROTLI_OPERATION_FLUSH, done);
    }));
    this.#chain = run.catch(() => undefined);
    return run;
  }
}

export class SegmentCompressor {
  readonly #pump = new Pump(zlib.createBrotliCompress({
    params: { [C.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY, [C.BROTLI_PARAM_LGWIN]: C.BROTLI_MAX_WINDOW_BITS },
  }));

  /** The stream's bytes for `record`, complete: they decode without anything written after them. */
  record(record: Uint8Array): Promise<Buffer> {
    return this.#pump.push(record);
  }

  /** The stream's last bytes. */
  finish(): Promise<Buffer> {
    return this.#pump.push(undefined, true);
  }
}

export class SegmentDecompressor {
  readonly #pump = new Pump(zlib.createBrotliDecompress());

  /** Everything `chunk` (one frame's payload) decodes to. */
  chunk(chunk: Uint8Array): Promise<Buffer> {
    return this.#pump.push(chunk);
  }
}

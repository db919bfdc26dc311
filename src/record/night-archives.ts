/**
 * Where recorded responses go: one archive per night, `<out>/<YYYY-MM-DD>.archive`, the date
 * being the scoreboard's `gameDate`. Responses that arrive before the first readable scoreboard
 * wait in memory for it; when the CDN turns its board to the next day, the next archive starts.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { ArchiveError } from '../archive/errors.ts';
import type { ArchiveRecord } from '../archive/records.ts';
import { ArchiveWriter } from '../archive/writer.ts';
import { endpointUrl } from '../feed/endpoints.ts';
import type { RawFeedResponse } from '../feed/tap.ts';

export interface NightArchivesOptions {
  readonly outDir: string;
  /** The feed's base URL, kept in each segment so a replay can map URLs back to paths. */
  readonly feedUrl: string;
  /** How fast the feed runs (1 for the NBA): recorded so a replay knows the archive's pace. */
  readonly speed: number;
  /** The recorder's clock (the feed's clock), stamping each segment's start. */
  readonly now: () => number;
  readonly warn: (message: string) => void;
  /** Told when a night's archive is opened. */
  readonly onNight?: (night: string, file: string) => void;
}

export interface NightArchive {
  readonly night: string;
  readonly file: string;
  /** Responses written by this recorder. */
  readonly records: number;
  readonly bytes: number;
}

/** Responses held while no scoreboard has named the night: enough for an hour of a failing board. */
const MAX_WAITING = 1_000;
/** Headers about the transfer, not the document: the body is stored decoded, whole. */
const TRANSFER_HEADERS = new Set(['content-encoding', 'content-length', 'transfer-encoding', 'connection', 'keep-alive']);
const NIGHT = /^\d{4}-\d{2}-\d{2}$/;

export class NightArchives {
  readonly #options: NightArchivesOptions;
  readonly #scoreboardUrl: string;
  readonly #done: NightArchive[] = [];
  #writer: ArchiveWriter | undefined;
  #night: string | undefined;
  #waiting: ArchiveRecord[] = [];
  /** Waiting responses dropped for want of a night: warned about once. */
  #dropped = 0;
  #chain: Promise<void> = Promise.resolve();

  constructor(options: NightArchivesOptions) {
    this.#options = options;
    this.#scoreboardUrl = endpointUrl(options.feedUrl, 'scoreboard');
    try {
      mkdirSync(options.outDir, { recursive: true });
    } catch (error) {
      throw new ArchiveError('archive_file', options.outDir, `cannot create the output folder: ${(error as Error).message}`, { cause: error });
    }
  }

  /** The feed client's tap: resolves once the response is in its night's archive (or waiting for the night). */
  readonly tap = (response: RawFeedResponse): Promise<void> => this.#then(() => this.#take(response));

  /** Every archive written to so far, the open one last. */
  get archives(): NightArchive[] {
    return this.#writer ? [...this.#done, this.#describe(this.#writer)] : [...this.#done];
  }

  /** Closes the open archive; responses still waiting for a night are reported and dropped. */
  async close(): Promise<NightArchive[]> {
    await this.#then(async () => {
      if (this.#waiting.length > 0) this.#options.warn(`${this.#waiting.length} responses were never written: no scoreboard named their night`);
      this.#waiting = [];
      await this.#closeWriter();
    });
    return [...this.#done];
  }

  async #take(response: RawFeedResponse): Promise<void> {
    const record = toRecord(response);
    const night = this.#nightOf(response);
    if (night !== undefined && night !== this.#night) await this.#open(night);
    if (!this.#writer) {
      if (this.#waiting.length >= MAX_WAITING && this.#dropped++ === 0) this.#options.warn(`no scoreboard has named the night after ${MAX_WAITING} responses; dropping the oldest`);
      if (this.#waiting.length >= MAX_WAITING) this.#waiting.shift();
      this.#waiting.push(record);
      return;
    }
    await this.#writer.append(record);
  }

  async #open(night: string): Promise<void> {
    await this.#closeWriter();
    const { outDir, feedUrl, speed, now, warn } = this.#options;
    const file = path.join(outDir, `${night}.archive`);
    this.#writer = ArchiveWriter.open(file, { night, feedUrl, speed, startedAt: now() }, { warn });
    this.#night = night;
    this.#options.onNight?.(night, file);
    const waiting = this.#waiting;
    this.#waiting = [];
    for (const record of waiting) await this.#writer.append(record);
  }

  async #closeWriter(): Promise<void> {
    const writer = this.#writer;
    if (!writer) return;
    this.#writer = undefined;
    await writer.close();
    this.#done.push(this.#describe(writer));
  }

  #describe(writer: ArchiveWriter): NightArchive {
    return { night: this.#night as string, file: writer.file, records: writer.records, bytes: writer.bytes };
  }

  /** The `gameDate` of a good scoreboard; anything else names no night. */
  #nightOf(response: RawFeedResponse): string | undefined {
    if (response.status !== 200 || response.url !== this.#scoreboardUrl) return undefined;
    try {
      const date: unknown = JSON.parse(Buffer.from(response.body).toString('utf8'))?.scoreboard?.gameDate;
      return typeof date === 'string' && NIGHT.test(date) ? date : undefined;
    } catch {
      return undefined;
    }
  }

  #then(step: () => Promise<void>): Promise<void> {
    const run = this.#chain.then(step);
    this.#chain = run.catch(() => undefined);
    return run;
  }
}

function toRecord(response: RawFeedResponse): ArchiveRecord {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    if (!TRANSFER_HEADERS.has(name)) headers[name] = value;
  });
  const { url, status, body, sentAt, receivedAt } = response;
  return { url, status, headers, body, sentAt, receivedAt };
}

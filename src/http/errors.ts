/** Errors of the HTTP server (the stream, the dashboard and the JSON routes share it). */
import { CourtsideError } from '../errors.ts';

export type HttpErrorCode = 'address_in_use' | 'listen_failed';

/** The server could not listen: the message names the address and what to do about it. */
export class ListenError extends CourtsideError<HttpErrorCode> {
  constructor(error: NodeJS.ErrnoException, port: number, host: string) {
    const where = `port ${port} on ${host}`;
    super(
      error.code === 'EADDRINUSE' ? 'address_in_use' : 'listen_failed',
      error.code === 'EADDRINUSE'
        ? `${where} is in use: stop what holds it, or pick another with --port (0: any free port)`
        : `cannot listen on ${where}: ${error.message} (check --host and --port)`,
      { cause: error },
    );
  }
}

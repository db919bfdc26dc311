/**
 * How every command ends on a mistake a person can fix: one line on stderr,
 * `courtside <command>: <what is wrong>`, no stack trace and no help text; exit status 2 for an
 * option (a `ConfigError`), and what the command says for the errors it expects (data it could
 * not use, a database it could not open). Thrown as commander's own error, so a program that set
 * `exitOverride()` (the tests) gets the status back instead of an exit.
 */
import { type Command, CommanderError } from 'commander';
import { ConfigError } from '../config/parse.ts';
import { CourtsideError } from '../errors.ts';

/** Exit status of a wrong option or combination of options. */
export const EXIT_USAGE = 2;
/** Exit status of a command that could not do its work (bad data, unusable database). */
export const EXIT_FAILURE = 1;

export function fail(program: Command, command: string, message: string, exitCode: number = EXIT_USAGE, code = 'invalid_config'): never {
  program.configureOutput().writeErr?.(`courtside ${command}: ${message}\n`);
  throw new CommanderError(exitCode, code, message);
}

/** The exit status for an error a person can fix, or undefined for one that is a bug (stack trace). */
export type Expected = (error: CourtsideError) => number | undefined;

/** A command's action, with its `ConfigError`s and `expected` errors ended the one way above. */
export function action<A extends unknown[]>(program: Command, command: string, run: (...args: A) => Promise<void>, expected: Expected = () => undefined): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      await run(...args);
    } catch (error) {
      if (error instanceof ConfigError) fail(program, command, error.message, EXIT_USAGE, error.code);
      const exitCode = error instanceof CourtsideError ? expected(error) : undefined;
      if (exitCode === undefined) throw error;
      fail(program, command, (error as CourtsideError).message, exitCode, (error as CourtsideError).code);
    }
  };
}

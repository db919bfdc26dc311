/** Command-line arguments of the benches' child processes: `--name value`, required. */
import path from 'node:path';

const program = path.basename(process.argv[1] ?? 'bench');

export function stringArg(name: string): string {
  const i = process.argv.indexOf(name);
  const value = i >= 0 ? process.argv[i + 1] : undefined;
  if (value === undefined) throw new Error(`${program}: ${name} is required`);
  return value;
}

export function numberArg(name: string): number {
  const value = Number(stringArg(name));
  if (!Number.isFinite(value)) throw new Error(`${program}: ${name} N is required`);
  return value;
}

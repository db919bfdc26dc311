/** ANSI styling for the watch screen, or none (plain text, `NO_COLOR`, tests). */
export interface Style {
  readonly bold: (text: string) => string;
  readonly dim: (text: string) => string;
  readonly inverse: (text: string) => string;
  readonly green: (text: string) => string;
  readonly red: (text: string) => string;
  readonly yellow: (text: string) => string;
}

const same = (text: string): string => text;

export const PLAIN: Style = { bold: same, dim: same, inverse: same, green: same, red: same, yellow: same };

const sgr = (on: number, off: number) => (text: string) => `\x1b[${on}m${text}\x1b[${off}m`;

export const ANSI: Style = { bold: sgr(1, 22), dim: sgr(2, 22), inverse: sgr(7, 27), green: sgr(32, 39), red: sgr(31, 39), yellow: sgr(33, 39) };

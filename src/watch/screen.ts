/**
 * Draws whole screens in place on a terminal: the alternate screen (the shell's scrollback is
 * left as it was), the cursor hidden, each frame written from the top-left in one write, every
 * line cleared to its end. Plain ANSI (VT100) sequences, so it works over SSH and in tmux.
 */
const ENTER = '\x1b[?1049h\x1b[?25l';
const LEAVE = '\x1b[?25h\x1b[?1049l';
const HOME = '\x1b[H';
const CLEAR_LINE = '\x1b[K';
const CLEAR_BELOW = '\x1b[J';

export interface Terminal {
  write(text: string): unknown;
}

export class Screen {
  readonly #out: Terminal;
  #entered = false;
  #last = '';

  constructor(out: Terminal) {
    this.#out = out;
  }

  /** Draws `lines` (at most the terminal's rows, each at most its width); an unchanged frame is not redrawn. */
  draw(lines: readonly string[]): void {
    // No newline after the last line: on the bottom row it would scroll the frame up by one.
    const frame = `${HOME}${lines.map((l) => `${l}${CLEAR_LINE}`).join('\r\n')}${CLEAR_BELOW}`;
    if (this.#entered && frame === this.#last) return;
    if (!this.#entered) this.#out.write(ENTER);
    this.#entered = true;
    this.#last = frame;
    this.#out.write(frame);
  }

  /** Forces the next frame out (after a resize the terminal may have reflowed the old one). */
  invalidate(): void {
    this.#last = '';
  }

  /** Back to the shell's screen, cursor shown. */
  leave(): void {
    if (!this.#entered) return;
    this.#entered = false;
    this.#out.write(LEAVE);
  }
}

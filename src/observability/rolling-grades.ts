/** Coverage and MAE over the most recent graded forecasts: how the model is doing tonight. */
export class RollingGrades {
  readonly #errors: number[] = [];
  readonly #covered: boolean[] = [];

  constructor(readonly size: number) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError('size must be a positive integer');
  }

  add(absoluteError: number, covered: boolean): void {
    this.#errors.push(absoluteError);
    this.#covered.push(covered);
    if (this.#errors.length > this.size) {
      this.#errors.shift();
      this.#covered.shift();
    }
  }

  get count(): number {
    return this.#errors.length;
  }
  get mae(): number | undefined {
    return this.count === 0 ? undefined : this.#errors.reduce((a, b) => a + b, 0) / this.count;
  }
  get coverage(): number | undefined {
    return this.count === 0 ? undefined : this.#covered.filter(Boolean).length / this.count;
  }
}

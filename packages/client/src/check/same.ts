/**
 * `Same<A, B>` is `true` when every value of A is a B and every value of B is an A, and that still
 * holds with every optional property made required, so a field added as optional on one side
 * only (how the protocol grows) is caught too.
 */
export type Same<A, B> = Mutual<A, B> extends true ? Mutual<Complete<A>, Complete<B>> : false;

type Mutual<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

type Complete<T> = T extends readonly (infer E)[]
  ? Complete<E>[]
  : T extends object
    ? { [K in keyof T]-?: Complete<Exclude<T[K], undefined>> }
    : T;

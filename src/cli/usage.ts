/** What `instanceof UsageError` looks for: the same in every bundled copy (see InputError in src/core/errors.ts). */
const USAGE_ERROR = Symbol.for('wardrank.UsageError');

/**
 * A command used wrongly (exit code 2), as distinct from bad input data (exit code 1). Not to
 * be subclassed.
 */
export class UsageError extends Error {
  override name = 'UsageError';
  constructor(message: string) {
    super(message);
    Object.defineProperty(this, USAGE_ERROR, { value: true });
  }

  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[USAGE_ERROR] === true;
  }
}

/** Parses a positive integer option or throws a UsageError naming the option. */
export function positiveInt(name: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n <= 0) throw new UsageError(`${name} must be a positive whole number, got "${value}"`);
    return n;
  };
}

/** Parses a non-negative number option or throws a UsageError naming the option. */
export function nonNegativeNumber(name: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isFinite(n) || n < 0) throw new UsageError(`${name} must be a number ≥ 0, got "${value}"`);
    return n;
  };
}

/** A command used wrongly (exit code 2), as distinct from bad input data (exit code 1). */
export class UsageError extends Error {
  override name = 'UsageError';
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

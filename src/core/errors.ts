/**
 * Errors are values with a location, so the CLI and server can render them once, uniformly:
 * `file:row:column: message (expected …)`.
 */
export interface Location {
  file?: string;
  /** 1-based row as a spreadsheet shows it (the header is row 1). */
  row?: number;
  column?: string;
  /** A field path inside a structured file, e.g. `measures[2].weight`. */
  field?: string;
  expected?: string;
}

export interface Problem extends Location {
  message: string;
  severity: 'error' | 'warning';
}

/** Formats a problem as `file:row:column: message (expected …)`. */
export function formatProblem(p: Problem | (Location & { message: string })): string {
  const where = [p.file, p.row !== undefined ? String(p.row) : undefined, p.column ?? p.field]
    .filter((s) => s !== undefined && s !== '')
    .join(':');
  const expected = p.expected ? ` (expected ${p.expected})` : '';
  return `${where ? where + ': ' : ''}${p.message}${expected}`;
}

/**
 * What `instanceof InputError` looks for. The CLI's CommonJS entry (dist/cli.cjs) and the
 * commands' ES modules each bundle a copy of this class (scripts/build.mjs), and the entry must
 * recognise the commands' errors: a registered symbol is the same in both copies, a class is not.
 */
const INPUT_ERROR = Symbol.for('wardrank.InputError');

/**
 * A user-facing error about bad input: exit code 1 in the CLI, 4xx in the server. Not to be
 * subclassed (`instanceof` a subclass would accept any InputError).
 */
export class InputError extends Error {
  readonly problems: Problem[];
  constructor(message: string, location: Location = {}, more: Problem[] = []) {
    const first: Problem = { ...location, message, severity: 'error' };
    super(formatProblem(first));
    this.name = 'InputError';
    this.problems = [first, ...more];
    Object.defineProperty(this, INPUT_ERROR, { value: true });
  }

  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[INPUT_ERROR] === true;
  }

  /** One error carrying several problems (validation reports everything at once). */
  static of(problems: Problem[]): InputError {
    const errors = problems.filter((p) => p.severity === 'error');
    const [first, ...rest] = errors.length ? errors : problems;
    const e = new InputError(first.message, first, rest);
    if (problems.length > 1) e.message = problems.map(formatProblem).join('\n');
    return e;
  }
}

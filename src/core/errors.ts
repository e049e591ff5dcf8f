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

/** A user-facing error about bad input: exit code 1 in the CLI, 4xx in the server. */
export class InputError extends Error {
  readonly problems: Problem[];
  constructor(message: string, location: Location = {}, more: Problem[] = []) {
    const first: Problem = { ...location, message, severity: 'error' };
    super(formatProblem(first));
    this.name = 'InputError';
    this.problems = [first, ...more];
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

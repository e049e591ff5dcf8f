/**
 * A YAML document read into plain values (YAML 1.2 core schema: js-yaml's default, no `<<` merge,
 * no timestamps, so `2024-04` and `1_000` stay strings), with the limits a framework file must
 * keep. An error is one problem located by line; any exception the parser throws is caught.
 *
 * Limits against hostile or runaway files: at most MAX_ALIASES alias nodes (`*name`), at most
 * MAX_DEPTH levels of nesting and at most MAX_VALUES values once aliases are expanded (a
 * "billion laughs" file of a few lines expands to ~10⁹ values; every later step walks the
 * expanded tree, so it is refused before). The walk that checks the last two stops as soon as a
 * limit is passed, so it costs at most MAX_VALUES steps.
 */
import { load } from 'js-yaml';
import type { Problem } from '../core/errors.ts';

export const MAX_ALIASES = 50;
export const MAX_DEPTH = 12;
export const MAX_VALUES = 100_000;

export function yamlValue(text: string, file: string): { value: unknown } | { problems: Problem[] } {
  let value: unknown;
  try {
    // js-yaml's own nesting limit (100) guards its recursion; ours (12) is checked below with a
    // message of its own
    value = load(text, { filename: file, maxAliases: MAX_ALIASES });
  } catch (e) {
    const { reason, mark, message } = e as { reason?: string; mark?: { line?: number }; message?: string };
    const line = mark?.line;
    return {
      problems: [
        {
          file,
          row: typeof line === 'number' ? line + 1 : undefined,
          message: `YAML: ${reason ?? String(message ?? e).split('\n')[0]}`,
          expected: /alias/.test(String(reason)) ? `valid YAML with at most ${MAX_ALIASES} aliases` : 'valid YAML',
          severity: 'error',
        },
      ],
    };
  }
  const size = expandedSize(value);
  if (size === 'deep') return { problems: [problem(file, 'YAML nested too deeply', `at most ${MAX_DEPTH} levels`)] };
  if (size === 'large')
    return {
      problems: [
        problem(
          file,
          `YAML expands to more than ${MAX_VALUES.toLocaleString('en-GB')} values (aliases repeat what they name)`,
          'a framework file of ordinary size',
        ),
      ],
    };
  return { value };
}

function problem(file: string, message: string, expected: string): Problem {
  return { file, message, expected, severity: 'error' };
}

/**
 * 'deep' when a value lies more than MAX_DEPTH levels down (the document itself is level 0),
 * 'large' past MAX_VALUES values, as soon as either is found; aliases are walked expanded.
 */
export function expandedSize(root: unknown): 'deep' | 'large' | undefined {
  let seen = 0;
  const stack: [unknown, number][] = [[root, 0]];
  while (stack.length) {
    const [v, d] = stack.pop()!;
    if (++seen > MAX_VALUES) return 'large';
    if (d > MAX_DEPTH) return 'deep';
    if (v === null || typeof v !== 'object') continue;
    for (const x of Object.values(v)) stack.push([x, d + 1]);
  }
  return undefined;
}

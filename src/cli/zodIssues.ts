/**
 * Recognises zod's validation error by shape (`name` and `issues`) rather than `instanceof`, so
 * the CLI's start-up path does not load zod just to classify errors: zod is loaded by the
 * commands that validate something. `zod/mini`'s `parse` throws its core error, named `$ZodError`.
 */
export interface SchemaIssue {
  path: PropertyKey[];
  message: string;
}

export function schemaIssues(e: unknown): SchemaIssue[] | undefined {
  if (!(e instanceof Error) || e.name !== '$ZodError') return undefined;
  const issues = (e as { issues?: unknown }).issues;
  return Array.isArray(issues) ? (issues as SchemaIssue[]) : undefined;
}

// An unexpected error as one line (the stack only with NIANBAO_DEBUG=1).
export function describeError(e: unknown): string {
  if (process.env.NIANBAO_DEBUG && e instanceof Error && e.stack) return e.stack;
  return `internal error: ${e instanceof Error ? e.message : String(e)}`;
}

// A worker's stderr carries engine chatter (kept out of ours) and, rarely, a line of our own for the
// user — the completeness invariant's "internal error … please report this file" after it repaired
// a record. Those lines, and only those, are passed on whole.

/** The prefix of every line nianbao itself writes to stderr (`nianbao: FILE: …`). */
export const OWN_LINE_PREFIX = 'nianbao: ';

/**
 * A handler for a worker's stderr chunks that calls `write` with each complete line starting with
 * OWN_LINE_PREFIX (its newline kept); a line split over chunks is joined first.
 */
export function ownLines(write: (line: string) => void): (chunk: string) => void {
  let partial = '';
  return (chunk) => {
    const lines = (partial + chunk).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) if (line.startsWith(OWN_LINE_PREFIX)) write(line + '\n');
  };
}

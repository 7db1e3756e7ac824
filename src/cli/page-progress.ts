// `extract`'s progress on a terminal: one redrawn line per file, page n of N and the stage (text layer,
// OCR), cleared when the file is done. Nothing when stderr is not a terminal (logs, pipes) or with -q.
import type { PageProgress } from '../../extractors/types.js';

interface Stream {
  write(s: string): unknown;
  isTTY?: boolean;
}

export interface PageProgressLine {
  /** The callback for one file's pages (undefined when nothing is shown). */
  forFile(name: string): PageProgress | undefined;
  /** Clears the line (after each file, before its error or the next one). */
  clear(): void;
}

const STAGE = { text: 'text layer', ocr: 'OCR' } as const;

/** Progress lines on `stream` when it is a terminal and `quiet` is not set; else a no-op. */
export function pageProgressLine(
  stream: Stream,
  quiet: boolean,
  minIntervalMs = 100,
  now = Date.now,
): PageProgressLine {
  if (quiet || !stream.isTTY) return { forFile: () => undefined, clear() {} };
  let shown = false;
  let last = -Infinity;
  return {
    forFile(name) {
      return (page, pages, stage) => {
        const t = now();
        // OCR pages take seconds: always drawn; text pages only as often as a terminal can show them.
        if (stage === 'text' && page < pages && t - last < minIntervalMs) return;
        last = t;
        shown = true;
        stream.write(`\r\x1b[2Knianbao: ${name}: page ${page} of ${pages}, ${STAGE[stage]}`);
      };
    },
    clear() {
      if (shown) stream.write('\r\x1b[2K');
      shown = false;
    },
  };
}

// The reader's side of the early refusal: it shows the caller's screen (src/pipeline/screen.ts) the
// pages read so far before OCR, and after each OCR'd page until the screen is sure.
import { NianbaoError } from '../core/errors.js';
import type { PageScreen, ScreenInput } from './types.js';

export class Screening {
  private done: boolean;

  constructor(
    private readonly screen: PageScreen | undefined,
    private readonly file: string | null,
  ) {
    this.done = !screen;
  }

  /** Asks the screen unless it was sure already; throws NOT_A_REPORT when it refuses the document. */
  check(input: ScreenInput): void {
    if (this.done) return;
    const verdict = this.screen!(input);
    if (verdict === 'report') this.done = true;
    else if (verdict !== 'unsure') throw new NianbaoError('NOT_A_REPORT', verdict.refuse, this.file);
  }
}

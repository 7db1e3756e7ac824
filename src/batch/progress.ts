// Progress on stderr: a redrawn bar on a terminal; one plain line per file otherwise (logs, cron).
import path from 'node:path';

export type Outcome = 'ok' | 'flagged' | 'failed' | 'skipped';

export interface ProgressSink {
  start(total: number): void;
  /** One file is settled. `detail` is the error line for failures, the reason for skips. */
  file(name: string, outcome: Outcome, detail?: string): void;
  end(): void;
}

export const silentProgress: ProgressSink = { start() {}, file() {}, end() {} };

interface Stream {
  write(s: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export function createProgress(
  stream: Stream = process.stderr,
  opts: { tty?: boolean; now?: () => number } = {},
): ProgressSink {
  const tty = opts.tty ?? !!stream.isTTY;
  const now = opts.now ?? Date.now;
  let total = 0;
  let done = 0;
  let failed = 0;
  let worked = 0; // files actually extracted (skips do not count towards the rate)
  let t0 = 0;
  let lastDraw = 0;

  const rate = () => {
    const s = (now() - t0) / 1000;
    return s > 0 ? worked / s : 0;
  };
  const eta = () => {
    const r = rate();
    return r > 0 ? fmtDuration((total - done) / r) : '–';
  };

  const bar = () => {
    const width = Math.max(10, Math.min(30, (stream.columns ?? 80) - 60));
    const filled = total ? Math.round((done / total) * width) : width;
    return `[${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${done}/${total}  ${rate().toFixed(1)} files/s  ETA ${eta()}  failed ${failed}`;
  };
  const draw = (force = false) => {
    if (!tty) return;
    const t = now();
    if (!force && t - lastDraw < 100) return;
    lastDraw = t;
    stream.write(`\r\x1b[2K${bar()}`);
  };

  return {
    start(n) {
      total = n;
      t0 = now();
      if (tty) draw(true);
      else stream.write(`nianbao batch: ${n} file${n === 1 ? '' : 's'}\n`);
    },
    file(name, outcome, detail) {
      done++;
      if (outcome === 'failed') failed++;
      if (outcome !== 'skipped') worked++;
      const label = outcome === 'failed' ? 'FAILED' : outcome;
      const line = `${label} ${name}${detail ? `: ${detail}` : ''}`;
      if (tty) {
        // Failures scroll above the bar; successes only move it.
        if (outcome === 'failed') stream.write(`\r\x1b[2K${line}\n`);
        draw(outcome === 'failed' || done === total);
      } else {
        stream.write(`[${done}/${total}] ${line}\n`);
      }
    },
    end() {
      if (tty) stream.write(`\r\x1b[2K${bar()}\n`);
    },
  };
}

export function fmtDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '–';
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}

export const displayName = (p: string) => (path.isAbsolute(p) ? p : path.normalize(p));

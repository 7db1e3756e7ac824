// One PDF page through OCR: page image → deskew → binarise → ruling lines and cells → lines
// removed → cells and prose recognised → runs and rules in PDF points, as a SourcePage.
import type { PDFPageProxy } from 'pdfjs-dist/types/src/display/api.js';
import type { Rule, SourcePage, TextRun } from '../types.js';
import { readTables } from './cells.js';
import type { PageContext, PixelRun } from './context.js';
import { estimateLean, estimateSkew } from './deskew.js';
import { detectRules, findTables, removeRules, type PixelBox, type PixelRule, type Table } from './grid.js';
import { repairRegions, repairRules } from './grid-repair.js';
import { paleBands } from './pale-bands.js';
import {
  bilevelLevels,
  binarize,
  flattenBackground,
  halfSize,
  rotateGray,
  shearGray,
  type Binary,
  type BilevelLevels,
  type Gray,
} from './image.js';
import { clearSpecks } from './ink.js';
import { bilevelAtDpi } from './bilevel-scale.js';
import { keystoneOf, warpGray } from './perspective.js';
import { clearStreaks } from './streaks.js';
import { sharedPaddle, type PaddleRecognizer } from './paddle.js';
import { sharedOcrPool, type OcrPool } from './pool.js';
import { readProse } from './prose.js';
import { embeddedPageImage, renderPage, type CanvasFactory, type PageImage } from './render.js';
import { DEFAULT_EXTRACTOR_SETTINGS, type OcrSettings } from '../settings.js';

export interface OcrPageOptions {
  /** `pdfDocument.canvasFactory` of the document the page belongs to. */
  canvasFactory: CanvasFactory;
  pool?: OcrPool;
  /** Render resolution (default: `settings.renderDpi`, 300 dpi). */
  dpi?: number;
  /**
   * 'auto' (default): a page that is one scanned image is read at the image's own resolution
   * when that is 280–600 dpi (`settings.nativeMinDpi`–`nativeMaxDpi`; no resampling, and no render time), otherwise rendered at `dpi` —
   * measured on the 200 dpi sample: read natively, thin strokes (「1」 after a minus, 「/」) are
   * lost; pdfjs's upsampling to 300 dpi keeps them. 'render': always render; 'embedded': the
   * image at its own resolution whenever the page is one. Default from NIANBAO_OCR_IMAGE, else 'auto'.
   */
  image?: 'auto' | 'render' | 'embedded';
  /** Second number reader; default: the shared PP-OCR recogniser (null = tesseract only). */
  second?: PaddleRecognizer | null;
  /** The OCR tolerances (default: extractors/settings.ts defaults). */
  settings?: OcrSettings;
}

export interface OcrPageStats {
  skewDegrees: number;
  /** The verticals' lean left after deskew, sheared upright (estimateLean; 0: none). */
  leanDegrees: number;
  /** The page was warped to undo a photo's perspective. */
  keystone: boolean;
  imageOrigin: PageImage['origin'];
  dpi: number;
  tables: number;
  cells: number;
  ms: { image: number; prepare: number; recognise: number };
}

export async function ocrPdfPage(page: PDFPageProxy, pageNumber: number, opts: OcrPageOptions): Promise<SourcePage> {
  return (await ocrPdfPageWithStats(page, pageNumber, opts)).page;
}

/**
 * One page through OCR, top to bottom: its image, the image cleaned (paper, skew, ink, keystone,
 * ruling lines), the cells and the prose recognised, everything mapped back to page points.
 */
export async function ocrPdfPageWithStats(
  pdfPage: PDFPageProxy,
  pageNumber: number,
  opts: OcrPageOptions,
): Promise<{ page: SourcePage; stats: OcrPageStats }> {
  const t0 = performance.now();
  const settings = opts.settings ?? DEFAULT_EXTRACTOR_SETTINGS.ocr;
  const viewport = pdfPage.getViewport({ scale: 1 });
  const image = await pageImage(pdfPage, opts, settings);
  const t1 = performance.now();
  const clean = cleanPage(image, settings);
  const t2 = performance.now();
  const pixelRuns = await recognise(clean, pageNumber, opts, settings);
  const t3 = performance.now();

  const runs = pixelRuns.map((r) => toTextRun(r, image));
  const rules = clean.rules.map((r) => toRule(r, image));
  return {
    page: { page: pageNumber, width: viewport.width, height: viewport.height, runs, rules, source: 'ocr' },
    stats: {
      skewDegrees: clean.skew,
      leanDegrees: clean.lean,
      keystone: clean.keystone,
      imageOrigin: image.origin,
      dpi: Math.round(image.dpi),
      tables: clean.tables.length,
      cells: clean.tables.reduce((n, t) => n + t.cells.length, 0),
      ms: { image: Math.round(t1 - t0), prepare: Math.round(t2 - t1), recognise: Math.round(t3 - t2) },
    },
  };
}

const inRange = (image: PageImage, s: OcrSettings) =>
  image.dpi < s.nativeMinDpi || image.dpi > s.nativeMaxDpi ? null : image;

/** The page's scanned image at its own resolution when it is one (and, in 'auto', 280–600 dpi), else the page rendered. */
export async function pageImage(
  pdfPage: PDFPageProxy,
  opts: OcrPageOptions,
  settings: OcrSettings,
): Promise<PageImage> {
  let image: PageImage | null = null;
  const mode = opts.image ?? (process.env.NIANBAO_OCR_IMAGE as OcrPageOptions['image']) ?? 'auto';
  if (mode !== 'render') {
    image = await embeddedPageImage(pdfPage);
    // Out of range it is rendered — but a bilevel scan below the floor is scaled by nearest
    // neighbour (it stays bilevel); one from the floor up is rendered, as it always was.
    const dpi = opts.dpi ?? settings.renderDpi;
    if (image && mode === 'auto')
      image = bilevelLevels(image.gray) ? bilevelAtDpi(image, settings.nativeMinDpi, dpi) : inRange(image, settings);
  }
  return image ?? (await renderPage(pdfPage, opts.canvasFactory, opts.dpi ?? settings.renderDpi));
}

/** A page image made ready to read: binary, straight, its ruling lines found (and erased from it), specks cleared. */
export interface CleanPage {
  bin: Binary;
  /** `bin` before its specks were cleared. */
  raw: Binary;
  dpi: number;
  skew: number;
  lean: number;
  /** It was warped to undo a photo's perspective. */
  keystone: boolean;
  rules: PixelRule[];
  tables: Table[];
  /** Pale streaks over the tables (pale-bands.ts): an inkless cell under one is unread, not blank. */
  pale: PixelBox[];
}

export function cleanPage(image: PageImage, settings: OcrSettings): CleanPage {
  // Skew from a half-size binarisation (a quarter of the pixels, same angle to ~0.02°), then the
  // straightened full-size image is binarised once.
  // Uneven paper (light fall-off, a grey photocopy) is evened out first so one threshold fits.
  const gray = flattenBackground(image.gray, settings);
  // A bilevel scan (two greys, drawn at 300 dpi by nearest neighbour): its ruling lines are found
  // on an unblurred threshold, where their one-pixel stretches survive (binarize); its text from
  // the blurred one united with that (`binaries`: unblurred alone, its jagged digits misread more).
  const levels = bilevelLevels(gray);
  const half = binarize(halfSize(gray), settings);
  const skew = estimateSkew(half, settings);
  const level = skew ? rotateGray(gray, skew) : gray;
  // A photo's perspective can leave the verticals leaning with the rows level: the rule finder
  // then loses the vertical rules, and with them the table the keystone is fitted to.
  const lean = estimateLean(skew ? binarize(halfSize(level), settings) : half, image.dpi / 2, settings);
  const straight = lean ? shearGray(level, lean) : level;
  const dpi = image.dpi;
  let { bin, lineBin } = binaries(straight, settings, levels, dpi);
  const grid = { dpi, settings };
  let rules = detectRules(lineBin, grid);
  let tables = findTables(rules, grid);
  // A photo's keystone: the table border is not a rectangle. Warp, then find the grid again.
  const keystone = keystoneOf(lineBin, tables, grid);
  if (keystone) {
    const warped = warpGray(straight, keystone);
    ({ bin, lineBin } = binaries(warped, settings, levels, dpi));
    rules = detectRules(lineBin, grid);
    tables = findTables(rules, grid);
  }
  // Rules a light threshold or a photocopy broke into pieces: pieces along one line are one rule.
  const repaired = repairRules(lineBin, rules, repairRegions(rules, lineBin, dpi, settings), dpi, settings);
  if (repaired.length !== rules.length || repaired.some((r, k) => r !== rules[k])) {
    rules = repaired;
    tables = findTables(rules, grid);
  }
  const pale = paleBands(lineBin, tables, rules, dpi, settings);
  removeRules(bin, rules, settings);
  // The ink before specks are cleared: a digit a light threshold broke into specks leaves its cell
  // with no ink once they are cleared, and the cell must not pass for a printed blank.
  const raw = { ...bin, data: bin.data.slice() };
  const speck = Math.max(4, Math.round((dpi / 300) ** 2 * settings.speckAreaPx));
  const dot = { maxHeight: settings.dotMaxHeight, maxGap: settings.dotMaxGap, baseline: settings.dotBaseline };
  clearSpecks(bin, { x0: 0, y0: 0, x1: bin.width - 1, y1: bin.height - 1 }, speck, dot);
  return { bin, raw, dpi, skew, lean, keystone: keystone !== null, rules, tables, pale };
}

/**
 * The text and the ruling-line binaries of a straightened page, toner streaks wiped from both. A
 * bilevel page's text is its blurred threshold (smooth digit edges) united with its own ink: the
 * blur alone drops a stroke one source pixel wide (a 200 dpi scan's thin 「3」 broke into a 「.」 and
 * specks: 443.69 read 44.3.69).
 */
function binaries(
  gray: Gray,
  settings: OcrSettings,
  levels: BilevelLevels | null,
  dpi: number,
): { bin: Binary; lineBin: Binary } {
  const bin = binarize(gray, settings);
  clearStreaks(bin, dpi, settings);
  if (!levels) return { bin, lineBin: bin };
  const lineBin = binarize(gray, settings, levels);
  clearStreaks(lineBin, dpi, settings);
  const text = { ...bin, data: bin.data.slice() };
  for (let i = 0; i < text.data.length; i++) text.data[i] |= lineBin.data[i];
  return { bin: text, lineBin };
}

/** Prose (on the page with the tables blanked out) and the tables' cells, recognised: prose runs first. */
async function recognise(
  clean: CleanPage,
  pageNumber: number,
  opts: OcrPageOptions,
  settings: OcrSettings,
): Promise<PixelRun[]> {
  const { bin, raw, dpi, tables, pale } = clean;
  const second = opts.second === undefined ? await sharedPaddle() : opts.second;
  const ctx: PageContext = {
    page: pageNumber,
    pool: opts.pool ?? sharedOcrPool(),
    bin,
    raw,
    pale,
    dpi,
    second,
    settings,
  };
  const proseBin = { ...bin, data: bin.data.slice() };
  for (const t of tables) blank(proseBin, t.box);
  const [tableRuns, proseRuns] = await Promise.all([
    readTables(ctx, tables),
    readProse({ ...ctx, bin: proseBin }, { x0: 0, y0: 0, x1: bin.width - 1, y1: bin.height - 1 }),
  ]);
  return [...proseRuns, ...tableRuns];
}

function blank(bin: { width: number; data: Uint8Array }, b: PixelBox): void {
  for (let y = b.y0; y <= b.y1; y++) bin.data.fill(0, y * bin.width + b.x0, y * bin.width + b.x1 + 1);
}

// Coordinates stay in the deskewed frame: rows of a table stay level (layout groups by y); the
// shift against the unrotated scan is at most a few points for a 1–2° skew.
function toTextRun(r: PixelRun, img: PageImage): TextRun {
  const x0 = r.box.x0 / img.scaleX + img.offsetX;
  const x1 = (r.box.x1 + 1) / img.scaleX + img.offsetX;
  const y0 = r.box.y0 / img.scaleY + img.offsetY;
  const y1 = (r.box.y1 + 1) / img.scaleY + img.offsetY;
  return {
    text: r.text,
    bbox: [x0, y0, x1, y1],
    fontSize: r.linePx / img.scaleY,
    dir: 'ltr',
    confidence: r.confidence,
  };
}

function toRule(r: PixelRule, img: PageImage): Rule {
  const cx = (r.x0 + r.x1 + 1) / 2;
  const cy = (r.y0 + r.y1 + 1) / 2;
  const X = (x: number) => x / img.scaleX + img.offsetX;
  const Y = (y: number) => y / img.scaleY + img.offsetY;
  return r.orient === 'h'
    ? { x0: X(r.x0), y0: Y(cy), x1: X(r.x1 + 1), y1: Y(cy) }
    : { x0: X(cx), y0: Y(r.y0), x1: X(cx), y1: Y(r.y1 + 1) };
}

/**
 * Every tolerance of the extractors — the OCR path (image clean-up, ruling lines, cells, numbers,
 * prose, the recognisers' crops), the judgement of a text layer, and the reading of a PDF's text
 * layer and ruling lines — named, with its unit and the reason for its default, in one validated
 * object (the extractors' counterpart of src/settings.ts, which composes it; extractors may not
 * import src/). `readPdf(bytes, { settings })` hands each step its part; the defaults are what the
 * code always did.
 *
 * Lengths on the page image are in inches (× dpi = pixels) so they hold at any resolution; a few
 * are given as "1/N inch" (N) because the code divides the resolution by N. Limits that protect
 * against hostile files (pixels, bytes, depths) are not tolerances: they stay in their modules.
 */
import { z } from 'zod';
import { count, groupsInfo, tol, type SettingInfo } from '../core/tolerance.js';

export const OcrSettingsSchema = z.object({
  // --- the page image ---
  renderDpi: tol(
    300,
    72,
    1200,
    'A page is rendered for OCR at this resolution (dpi). 300: thin strokes (「1」 after a minus, 「/」) survive; 200 dpi loses them (README, measured).',
  ),
  nativeMinDpi: tol(
    280,
    72,
    1200,
    'A page that is one scanned image is read at the image’s own resolution only from this dpi up; below, it is rendered at renderDpi. 280: a 200 dpi scan read natively lost digits (99.49% numeric exact), upsampled it read 100%.',
  ),
  nativeMaxDpi: tol(
    600,
    72,
    2400,
    'A scanned image above this dpi is rendered down to renderDpi instead of read natively. 600: more pixels only slow tesseract.',
  ),
  // --- clean-up: paper, skew, binarisation, specks ---
  backgroundBlockPx: count(
    48,
    8,
    512,
    'The paper level is measured in square blocks of this many pixels. 48 (4 mm at 300 dpi): ink never fills a whole block, light fall-off varies slower.',
  ),
  paperBrightShare: tol(
    0.05,
    0.01,
    0.5,
    'A block’s paper level is the grey that this share of its pixels are at least as bright as (0.05 = the 95th percentile). Robust to a stray bright JPEG speck.',
  ),
  backgroundUnevenGrey: count(
    12,
    0,
    255,
    'The paper is evened out only when some block’s paper level is this many grey levels below the brightest. 12: a clean scan varies less and is left untouched.',
  ),
  paperFloorGrey: count(
    32,
    1,
    255,
    'A paper level is never taken as darker than this grey when dividing by it. 32: a black area (a photo’s desk) does not blow up into white noise.',
  ),
  binarizeMaxThreshold: count(
    200,
    1,
    255,
    'The Otsu threshold between ink and paper is capped at this grey. 200: light paper tints stay paper.',
  ),
  bilevelInkShare: tol(
    0.6,
    0.5,
    1,
    'The ruling lines of a page image that is bilevel (a scanner’s 1-bit "text" mode) are found on it thresholded unblurred: ink is every pixel darker than this share of the way from its ink grey to its paper grey. 0.6: the deskew’s interpolation leaves a one-pixel stroke at worst half dark on two pixels (0.5 would lose it), a pixel less than 40% covered stays paper.',
  ),
  skewMaxDegrees: tol(
    4,
    0.5,
    15,
    'Skew is searched within ± this many degrees. 4: a fed scan or a careful photo is within 2°.',
  ),
  skewMinDegrees: tol(
    0.02,
    0,
    1,
    'A skew smaller than this (degrees) is no skew (the page is not rotated). 0.02: under a pixel over a page width.',
  ),
  leanMaxDegrees: tol(
    2,
    0,
    15,
    'Once its rows are level, the lean of a page’s verticals is searched within ± this many degrees. 2: a phone photo’s perspective leaves its table’s vertical rules leaning under 1° after deskew.',
  ),
  leanMinDegrees: tol(
    0.15,
    0,
    5,
    'A lean of the verticals smaller than this (degrees) is none (the page is not sheared). 0.15: a flatbed scan’s deskewed rules stand within 0.05°; one leaning 0.15° drifts 9 px over 11 in at 300 dpi.',
  ),
  leanMinGain: tol(
    1.2,
    1,
    100,
    'A lean is taken only when shearing by it sharpens the vertical runs’ column profile (sum of squared counts) by at least this factor over upright. 1.2: the leaning rules of the phone draws gain 1.3–4.6; a flatbed scan’s few long strokes, under 1.05.',
  ),
  leanMinRunIn: tol(
    0.25,
    0.01,
    5,
    'Only ink in vertical runs at least this long (inches) tells the lean of the verticals: ruling lines, not text (a glyph’s stroke is shorter than its 0.15 in height at 10.5 pt). 0.25.',
  ),
  skewMinInk: count(
    2000,
    0,
    1_000_000,
    'A page whose skew sample holds fewer coordinates than this (two per sampled ink pixel of the half-size image: 2000 = 1000 pixels) is not deskewed. 2000: too little text for a profile.',
  ),
  skewMaxPoints: count(
    250_000,
    10_000,
    10_000_000,
    'Ink pixels sampled, evenly thinned, for the skew profile (count). 250 000: the angle is the same to ~0.01°, at a fraction of the time.',
  ),
  speckAreaPx: count(
    8,
    1,
    200,
    'Ink components smaller than this many pixels (at 300 dpi; scaled by the square of dpi/300, at least 4) are cleared as specks. 8: a full stop at 300 dpi is ~20.',
  ),
  dotMaxHeight: tol(
    0.4,
    0.1,
    1,
    'A speck kept as a decimal point is at most this share of the digits beside it tall and wide. 0.4: a point is ~0.15–0.25 of a digit, a digit’s broken-off stroke end often more.',
  ),
  dotMaxGap: tol(
    0.7,
    0.1,
    2,
    'A decimal point has a digit on each side within this share of the digit’s height. 0.7: the point and its side bearings are ~0.3.',
  ),
  dotBaseline: tol(
    0.2,
    0,
    1,
    'A decimal point’s bottom is within this share of the digits’ height of their bottom (it sits on the baseline). 0.2.',
  ),
  // --- ruling lines, tables, cells ---
  ruleGapPerInch: count(
    100,
    10,
    1000,
    'An ink run bridges gaps up to 1/N inch (N; at least 2 px) when ruling lines are traced. 100: a dashed or broken scan rule stays one line.',
  ),
  ruleMinLengthIn: tol(
    0.3,
    0.05,
    3,
    'A horizontal ink run is a ruling line from this length (inches). 0.3: longer than any glyph stroke.',
  ),
  ruleShortIn: tol(
    0.15,
    0.02,
    3,
    'A vertical ink run is a candidate rule from this length (inches): one table row. 0.15.',
  ),
  ruleLongIn: tol(
    0.45,
    0.05,
    5,
    'A vertical rule this long (inches) is one on its own; shorter ones must meet horizontal rules at both ends. 0.45: a glyph’s vertical stroke is far shorter.',
  ),
  ruleTouchIn: tol(
    0.03,
    0,
    0.5,
    'A vertical rule meets a horizontal one within this distance (inches, plus the bridged gap). 0.03.',
  ),
  ruleMaxThickness: count(
    12,
    1,
    100,
    'A rule is at most this many bridged gaps thick; thicker ink is a filled area or a photo. 12.',
  ),
  ruleErasePx: count(
    2,
    0,
    20,
    'Ruling lines are erased with this many pixels on each side (the fringe binarisation leaves), so they are not read as 「1」 or 「|」. 2.',
  ),
  repairFragmentMinIn: tol(
    0.02,
    0.005,
    1,
    'Broken ruling lines: a piece of one is an ink run at least this long (inches). 0.02: a light threshold leaves dashes of a few points.',
  ),
  repairWindowIn: tol(
    0.4,
    0.05,
    3,
    'Broken ruling lines: a line runs where its pieces cover repairCoverage of every stretch this long (inches) around each point. 0.4: gaps up to ~0.2 in are bridged, and a line stops at a cell of text, whose strokes cover far less of it.',
  ),
  repairCoverage: tol(
    0.5,
    0.1,
    1,
    'Broken ruling lines: share of each repairWindowIn stretch its pieces must cover. 0.5: a thresholded thin rule keeps over half its ink; text strokes lined up across cells do not.',
  ),
  repairMinSpanShare: tol(
    0.25,
    0,
    1,
    'Broken ruling lines: a recovered line spans at least this share of its region (the rule pieces around it) each way… 0.25: a header line over a group of columns.',
  ),
  repairMinSpanHIn: tol(
    0.6,
    0.1,
    10,
    '…and at least this long if horizontal (inches). 0.6: two value cells; longer than any run of text strokes.',
  ),
  repairMinSpanVIn: tol(0.4, 0.1, 10, '…and at least this long if vertical (inches). 0.4: more than a table row.'),
  repairMarginIn: tol(
    0.1,
    0,
    1,
    'Broken ruling lines: a region is searched this far beyond its rule pieces (inches), for a lost border. 0.1.',
  ),
  repairClusterIn: tol(
    0.5,
    0,
    3,
    'Broken ruling lines: rule pieces this close (inches) belong to one region (one table). 0.5: tables on a page stand further apart.',
  ),
  repairMinRegionIn: tol(
    0.5,
    0,
    10,
    'Broken ruling lines: a region narrower and shorter than this (inches) holds no table (a lone stroke). 0.5.',
  ),
  repairEndPieceIn: tol(
    0.15,
    0,
    1,
    'Broken ruling lines: a recovered line ends in a piece at least this long (inches), not in a glyph stroke that happens to continue it. 0.15: longer than a stroke of 12 pt text; a thresholded rule keeps longer dashes.',
  ),
  paleBandMinIn: tol(
    0.02,
    0.005,
    1,
    "A photocopier's pale streak over a table: the table's rules broken at the same place at least this wide (inches) make a band. 0.02: a few points, wider than a rule's jagged edge; the streaks seen are 0.02–0.1 in.",
  ),
  paleBandRuleShare: tol(
    0.6,
    0.3,
    1,
    'A pale streak over a table: at least this share (and three) of the rules spanning a place have no ink there. An inkless cell under the band is unread (null, warned), never a printed blank. 0.6: a streak fades as it runs, and a printed table has no common break.',
  ),
  repairSnapIn: tol(
    0.2,
    0,
    1,
    'Broken ruling lines: a recovered line ending this close (inches) before a rule across it is extended to meet it (its last pieces were lost). 0.2: less than a table row or a narrow column, so it meets the next rule, not one beyond.',
  ),
  repairMaxThicknessIn: tol(
    0.03,
    0.005,
    0.5,
    'Broken ruling lines: a recovered rule is at most this thick (inches); thicker ink is text or a filled area. 0.03.',
  ),
  repairSideIn: tol(
    0.03,
    0.005,
    0.5,
    'Broken ruling lines: how far beside a line (inches) its sides are looked at for ink. 0.03.',
  ),
  repairMaxSideInk: tol(
    0.25,
    0,
    1,
    'Broken ruling lines: a rule stands clear — on neither side does ink lie beside more than this share of its length; a line of text’s aligned bottom strokes has its glyphs all along one side. 0.25.',
  ),
  tableJoinIn: tol(
    0.04,
    0,
    0.5,
    'Rules this close (inches) touch: one table; rules are extended by it when cells are closed. 0.04: near-misses at corners.',
  ),
  cellRasterPx: count(
    3,
    1,
    20,
    'Cells are found on a raster of squares of this many pixels. 3: finer than any rule gap, coarse enough to be fast.',
  ),
  cellEdgePerInch: count(
    100,
    10,
    1000,
    'A cell’s ink is looked for 1/N inch (N; at least 2 px) inside its rules, clear of their fringe. 100.',
  ),
  cellLineGapPerInch: count(
    60,
    10,
    1000,
    'Inside a cell, text lines are separated by a blank band of at least 1/N inch (N; at least 2 px). 60.',
  ),
  bandMinShare: tol(
    0.45,
    0,
    1,
    'A line band of a text cell thinner than this share of the tallest is a stroke of 三 or 二 and joins its neighbour. 0.45.',
  ),
  // --- keystone (a photo's perspective) ---
  keystoneMinShiftIn: tol(
    0.012,
    0,
    1,
    'The table border’s corners must be this far (inches) off a rectangle for the page to be warped. 0.012: a flatbed scan is within it.',
  ),
  keystoneMaxShift: tol(
    0.08,
    0,
    1,
    'Corners further off a rectangle than this share of the table’s size are a misfit, not perspective: no warp. 0.08.',
  ),
  keystoneBorderSpan: tol(
    0.6,
    0.1,
    1,
    'Border lines must span this share of the table’s width (height) to be fitted. 0.6: inner rules of partial rows do not count.',
  ),
  keystoneMinWidthIn: tol(2, 0, 20, 'Only a table at least this wide (inches) is fitted for perspective. 2.'),
  keystoneMinHeightIn: tol(1, 0, 20, 'Only a table at least this tall (inches) is fitted for perspective. 1.'),
  lineFitSamples: count(
    400,
    20,
    10_000,
    'A border line is fitted to about this many samples of its ink along it (count). 400.',
  ),
  lineFitMinPoints: count(20, 2, 1000, 'A border line needs this many ink samples to be fitted (count). 20.'),
  lineFitResidualPx: tol(
    2,
    0,
    50,
    'Samples further than this (pixels) from the first fit (glyph ink touching the rule) are left out of the second. 2.',
  ),
  // --- cells of one number, dashes ---
  numberMaxHeightIn: tol(
    0.35,
    0.05,
    2,
    'A one-line cell is read as a number only if its line is at most this tall (inches). 0.35: 25 pt, larger than any table digit.',
  ),
  cellInkMinPx: count(
    24,
    1,
    1000,
    'A cell with at least this many ink pixels inside its inset (at 300 dpi, scaled by the square of dpi/300; counted before specks are cleared) is no printed blank: if nothing in it reads as a value it is an unread cell (null, warned). 24: three specks; a stroke a light threshold broke into fragments has more, sensor noise in a blank cell less.',
  ),
  unreadMaxCjk: count(
    1,
    0,
    10,
    'A one-line cell in a column of numbers whose read is no value and has at most this many Chinese characters is an unread number (a broken 「7」 read as 「了」), not a header or label word. 1: the shortest header is two characters (「其他」).',
  ),
  numberMaxGlyphs: count(16, 1, 100, 'A number has at most this many glyph columns (count). 16.'),
  numberGlyphAspect: tol(
    0.8,
    0.1,
    2,
    'Every glyph column of a number is at most this wide for its height. 0.8: digits are ~0.6, CJK glyphs square.',
  ),
  digitAspect: tol(
    0.6,
    0.1,
    2,
    'A digit is this wide for its height: a glyph column as wide as several counts as that many digits (they touch at low resolution). 0.6.',
  ),
  tallGlyphShare: tol(
    0.5,
    0,
    1,
    'A glyph at least this share of its line’s height is a digit or 「/」; shorter ones are a decimal point or comma. 0.5.',
  ),
  streakStripIn: tol(
    0.2,
    0.05,
    2,
    'Toner streaks are traced strip by strip down the page; strips this tall (inches). 0.2: taller than a line of table text, so text strokes rarely fill one.',
  ),
  streakMaxDegrees: tol(
    4,
    0,
    10,
    'A toner streak leans at most this far from the straightened page’s vertical (horizontal), degrees: the copy’s skew on the scanner, as skewMaxDegrees. 4.',
  ),
  streakFill: tol(
    0.6,
    0.3,
    1,
    'A strip shows a streak where ink lies on its line on at least this share of the strip’s rows. 0.6: a photocopied streak is broken where its toner thinned.',
  ),
  streakMinShare: tol(
    0.5,
    0.2,
    1,
    'A toner streak shows in at least this share of the page’s strips. 0.5: a dark streak survives the copy in pieces; a page’s text strokes never line up so far.',
  ),
  streakEdgeIn: tol(
    0.75,
    0.1,
    3,
    'A toner streak runs the sheet’s length: it shows within this distance (inches) of both the top and the bottom edge (left and right, if horizontal). 0.75: inside every printed margin, where no ruling line of a 年报 reaches.',
  ),
  streakMaxWidthIn: tol(
    0.03,
    0.005,
    0.2,
    'A toner streak is at most this wide (inches): a scratch on the drum. 0.03 (9 px at 300 dpi); the edge of a dark area (a desk beside a photographed page) is wider.',
  ),
  streakSlackIn: tol(
    0.007,
    0.001,
    0.05,
    'A streak is wiped from a row only where its ink run is at most this much (inches) wider than the streak: a stroke or a rule crossing it keeps its ink. 0.007 (2 px at 300 dpi).',
  ),
  numberSplitGapShare: tol(
    1,
    0.7,
    5,
    'A gap between the digits of a one-line cell at least this wide (share of the line’s height) parts two numbers: the column rule between two cells was lost. 1: the digits of one number stand 0.1–0.6 apart (a decimal point included), two columns’ values a column’s blank apart (≥ 1.5 in the narrowest number columns).',
  ),
  numberSplitPartShare: tol(
    0.8,
    0.3,
    1,
    'A part of a split cell line shorter than this share of the tallest part is not a number (the stub of a lost rule standing on the rule below); the digits of one table are one size. 0.8.',
  ),
  signMargin: tol(0.12, 0, 0.5, 'A sign stands clear of the line’s top and bottom by this share of its height. 0.12.'),
  signMaxHeight: tol(0.75, 0, 1, 'A leading glyph at most this share of the line’s height, centred, is a sign. 0.75.'),
  minusMaxHeight: tol(0.3, 0, 1, 'A sign under this share of the line’s height is 「-」, else 「+」. 0.3.'),
  slashLean: tol(
    0.165,
    0,
    1,
    'A lone glyph leaning this much (top ink right of bottom ink, in heights) is 「/」. 0.165: measured 「/」 0.19–0.20, 7 0.10–0.13, other digits within ±0.08.',
  ),
  dashMaxThicknessIn: tol(
    0.035,
    0.005,
    0.5,
    'A cell’s only ink, a bar at most this thick (inches), may be 「—」. 0.035: thinner than any digit.',
  ),
  dashMinAspect: tol(3, 1, 50, 'A 「—」 is at least this many times as wide as thick. 3.'),
  dashMinFill: tol(0.7, 0, 1, 'A 「—」 is solid: ink fills at least this share of its box. 0.7.'),
  dashBandShare: tol(
    0.2,
    0,
    0.5,
    'A 「—」 bar stands at mid-height of the digits on its row: its centre at least this share of their height below their top and above their bottom, else it is what a light bilevel threshold left of a digit (a 「7」’s top bar, a 「2」’s foot) and the cell is unread. 0.2: a dash’s centre is at ~0.45–0.55 of a digit’s height, a 「7」’s bar within the top 0.1, a 「2」’s foot within the bottom 0.1.',
  ),
  dashHalfHeightPt: tol(
    4.5,
    1,
    20,
    'A 「—」 is given a box this many points above and below its centre, as tall as a line of digits. 4.5.',
  ),
  dashConfidence: count(
    90,
    0,
    100,
    'Confidence given a 「—」 recognised by its shape (0–100). 90: certain of the shape, it is no number.',
  ),
  // --- judging a number ---
  doubtfulBelow: count(
    60,
    0,
    100,
    'A number read with confidence below this is read again alone, and stays doubtful (the core warns under its LOW_CONFIDENCE). 60: every disagreement between reads scores under it.',
  ),
  retryMinVotes: count(
    3,
    1,
    4,
    'A doubtful number read again is trusted (85) when this many of the four tesseract reads agree and fit the ink (and PP-OCR does not disagree). 3.',
  ),
  cellPass: count(
    1,
    0,
    2,
    'How number cells are read (cell-pass.ts). 1: PP-OCR and tesseract’s digits-only read first, in batches per page; where they read the same value and it fits the ink it is taken, and only the rest are read by chi_sim too and judged. 2: PP-OCR alone first (a read that fits the ink with every character at least cellPassMinConfidence is taken, at 85). 0: every number read by all three (the earlier way; for comparison). 1: the chi_sim read of every number cost the most of the three, and two engines still agree on every number taken (README).',
  ),
  cellPassMinConfidence: count(
    95,
    0,
    100,
    'In the cell pass 2, PP-OCR’s read of a number is taken alone only when each of its characters has at least this probability (0–100); below, tesseract reads it too. 95.',
  ),
  // --- prose, runs ---
  proseLineGapPerInch: count(
    75,
    10,
    1000,
    'Outside tables, text lines are separated by a blank band of at least 1/N inch (N; at least 2 px). 75.',
  ),
  proseMinLineIn: tol(0.035, 0, 0.5, 'A band of prose ink shorter than this (inches) is dirt, not a line. 0.035.'),
  runSplitGap: tol(
    1.5,
    0.1,
    10,
    'Words of a line further apart than this many line heights are separate runs (columns of an unruled table). 1.5.',
  ),
  proseSecondLines: count(
    6,
    0,
    50,
    'The first page’s title block — at most this many line bands from the top, up to the first numbered heading — is read by PP-OCR as well as tesseract, and the readings reconciled (0: off). 6: a title wrapped over two lines, its agency line and a print header, with the metadata box of a web print-out; PP-OCR costs ~0.2 s per line on one core.',
  ),
  proseSecondMaxHeight: tol(
    2,
    1,
    10,
    'A title-block band taller than this many median band heights is several lines run together (a metadata box), not read by PP-OCR, a line recogniser. 2: a title is set at most ~1.6 times the body size.',
  ),
  proseSecondMaxDiffer: tol(
    0.3,
    0,
    1,
    'Two readings of a title-block line that differ in more than this share of their characters are not of the same text: not merged, and the line is doubtful. 0.3: a degraded title differs in one or two characters of twenty.',
  ),
  proseContextMinChars: count(
    3,
    1,
    20,
    'Where the two readings differ in one character, the one whose reading of the stretch around it is printed elsewhere on the page over more characters is kept — if that stretch is at least this long (the character included). 3: a character and two neighbours; 「临江市人民政府」 recurs in the body, 「恋江」 does not.',
  ),
  proseSecondMargin: count(
    0,
    0,
    100,
    'Otherwise PP-OCR’s character is kept only when its probability (0–100) beats tesseract’s glyph confidence by more than this. 0: measured on the title blocks of the scanned samples, PP-OCR was right wherever the two differed.',
  ),
  proseDisagreeConfidence: count(
    50,
    0,
    100,
    'A word the two readings disagree on gets at most this confidence (0–100), under the core’s LOW_CONFIDENCE: the title and agency it makes are flagged even when the reconciled reading is right. 50.',
  ),
  strokeFragmentGap: tol(
    0.4,
    0,
    2,
    'A lone 「I」「l」「|」 this close (line heights) to a Chinese glyph is a stroke split off it, and dropped. 0.4.',
  ),
  // --- crops for the recognisers ---
  regionMarginPx: count(12, 0, 100, 'White margin (pixels) around a region read alone by tesseract. 12.'),
  mosaicMarginPx: count(16, 0, 100, 'White margin (pixels) around a sheet of stacked regions. 16.'),
  mosaicSheetPx: count(
    2400,
    100,
    100_000,
    'Regions are stacked into sheets of about this many pixels’ height, one tesseract call each. 2400: per-call overhead is amortised, and the pool’s workers still share a page.',
  ),
  mosaicGapLines: tol(
    1.5,
    0,
    10,
    'Stacked regions are this many median region heights apart (at least mosaicMinGapPx). 1.5: tesseract keeps them separate lines.',
  ),
  mosaicMinGapPx: count(24, 0, 500, 'Least blank space (pixels) between stacked regions. 24.'),
  paddleMargin: tol(
    0.25,
    0,
    2,
    'White margin around a crop for PP-OCR, as a share of its height (at least 2 px). 0.25: the net was trained on loosely cropped lines.',
  ),
  paddleMaxWidth: count(
    2000,
    48,
    20_000,
    'A crop for PP-OCR is at most this wide after scaling to the net’s height (pixels). 2000.',
  ),
  paddleBatch: count(16, 1, 256, 'Crops per PP-OCR inference call (count). 16: amortises the call overhead.'),
});

export const TextQualitySettingsSchema = z.object({
  minChars: count(
    12,
    0,
    1000,
    'A text layer with fewer characters than this and no template word is no text (the page is OCR’d). 12: a page number and a footer.',
  ),
  maxBadShare: tol(
    0.05,
    0,
    1,
    'A text layer with this share of private-use or control characters is undecodable (fonts without a ToUnicode map). 0.05.',
  ),
  reportWords: count(
    2,
    1,
    30,
    'A text layer printing this many template words (政府信息, 申请, …) is report text, if its characters are familiar enough (reportFamiliarity). 2.',
  ),
  reportFamiliarity: tol(
    0.3,
    0,
    1,
    'Share of common characters (of the CJK ones) report text with template words needs. 0.3.',
  ),
  chineseCjkShare: tol(
    0.3,
    0,
    1,
    'A text layer with this share of CJK characters is Chinese text (under it, with more symbols than letters, it is symbol soup). 0.3.',
  ),
  charsetMaxInvalidShare: tol(
    0.1,
    0,
    1,
    'A web page decoded in a charset that leaves more than this share of its non-ASCII characters invalid (U+FFFD) is not in that charset: undeclared, it is read as GB18030 instead of UTF-8; declared, it is read in a charset that fits, with a warning. Below it, invalid bytes are damage, read as U+FFFD and warned, as a browser shows them. 0.1: a report page has thousands of CJK characters, so a few bad bytes stay far below; GBK read as UTF-8 is over half invalid.',
  ),
  chineseFamiliarity: tol(
    0.45,
    0,
    1,
    'Share of common characters Chinese text without template words needs; under it the font map is likely wrong. 0.45: a wrong map lands anywhere in ~20 000 code points, a few percent of them common.',
  ),
  proseMinLetters: count(
    200,
    1,
    100000,
    'A text layer is readable prose in Latin letters (no need to OCR it to know what it says) with at least this many letters. 200: a few sentences.',
  ),
  proseLetterShare: tol(
    0.7,
    0,
    1,
    'Readable Latin prose: at least this share of its non-space characters are letters. 0.7: digits and punctuation of running text stay under a third.',
  ),
  proseVowelMin: tol(
    0.3,
    0,
    1,
    'Readable Latin prose: at least this share of its letters are vowels (aeiouy). 0.3: English, French, German and Pinyin text have 0.35–0.45; letters from a wrong font map, evenly spread, 0.23.',
  ),
  proseVowelMax: tol(0.55, 0, 1, 'Readable Latin prose: at most this share of its letters are vowels. 0.55.'),
});

export const PdfTextSettingsSchema = z.object({
  ruleAxisTolerance: tol(
    0.8,
    0,
    5,
    'A stroked segment is a ruling line when it is this close (pt) to horizontal or vertical. 0.8.',
  ),
  ruleMaxThickness: tol(
    3,
    0.1,
    20,
    'A filled rectangle at most this thick (pt) is a drawn line (Word, WPS and Chromium draw borders so). 3.',
  ),
  fallbackAscent: tol(
    0.88,
    0.1,
    2,
    'A glyph’s height above the baseline (ems) when the font gives none; both engines use it, as pdf.js does. 0.88.',
  ),
  fallbackDescent: tol(
    0.12,
    0,
    1,
    'A glyph’s depth below the baseline (ems) when the font gives none; as pdf.js. 0.12.',
  ),
  spaceMin: tol(
    0.102,
    0,
    1,
    'PDFium: a gap before a glyph up to this many font sizes is no space (pdf.js’s TRACKING_SPACE_FACTOR, so both engines give the same runs). 0.102.',
  ),
  spaceMax: tol(
    0.6,
    0,
    5,
    'PDFium: a gap wider than this many font sizes ends the run (pdf.js’s SPACE_IN_FLOW_MAX_FACTOR). 0.6.',
  ),
  baselineAlign: tol(
    0.1,
    0,
    1,
    'PDFium: a glyph continues a run only on its baseline, within this many font sizes. 0.1.',
  ),
  glyphOverlap: tol(0.3, 0, 2, 'PDFium: …and overlapping the previous glyph by less than this many font sizes. 0.3.'),
  sameSize: tol(0.01, 0, 0.5, 'PDFium: glyphs whose sizes differ by more than this share are in different runs. 0.01.'),
  maxPageChars: count(
    100_000,
    100,
    10_000_000,
    'PDFium: a page with more characters than this is refused (pdf.js and its content budget then judge the file). 100 000: a dense A4 page in 5 pt type holds ~20 000; a million 「x」 took PDFium 7 s.',
  ),
  maxPageObjects: count(
    100_000,
    100,
    10_000_000,
    'PDFium: a page with more top-level objects (text, paths, images, forms) than this is refused, as maxPageChars. 100 000: a ruled 年报 page has a few thousand; 400 000 paths took 1.4 s.',
  ),
});

export const ExtractorSettingsSchema = z.object({
  ocr: OcrSettingsSchema.default(() => OcrSettingsSchema.parse({})),
  textQuality: TextQualitySettingsSchema.default(() => TextQualitySettingsSchema.parse({})),
  pdfText: PdfTextSettingsSchema.default(() => PdfTextSettingsSchema.parse({})),
});

export type OcrSettings = z.infer<typeof OcrSettingsSchema>;
export type TextQualitySettings = z.infer<typeof TextQualitySettingsSchema>;
export type PdfTextSettings = z.infer<typeof PdfTextSettingsSchema>;
export type ExtractorSettings = z.infer<typeof ExtractorSettingsSchema>;

/** The defaults. */
export const DEFAULT_EXTRACTOR_SETTINGS: ExtractorSettings = Object.freeze(ExtractorSettingsSchema.parse({}));

/** The groups by name (src/settings.ts composes them with its own). */
export const EXTRACTOR_GROUPS = {
  ocr: OcrSettingsSchema,
  textQuality: TextQualitySettingsSchema,
  pdfText: PdfTextSettingsSchema,
} as const;

/** Every extractor setting with its default, bounds and documentation. */
export function extractorSettingsInfo(): SettingInfo[] {
  return groupsInfo(EXTRACTOR_GROUPS);
}

/** The OCR defaults (for callers and tests that use one step on its own). */
export const DEFAULT_OCR_SETTINGS: OcrSettings = DEFAULT_EXTRACTOR_SETTINGS.ocr;

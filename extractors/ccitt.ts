// CCITT Group 3/4 (fax) decoding for TIFF, with bounds. utif2's own decoders loop for minutes on a
// damaged stream — a flipped bit makes no code match, the code word grows without end, and every
// later bit costs more; or a run overflows the line, which then never completes — so a scan whose
// bytes were damaged in transit reached the per-file time limit instead of failing. These are
// utif2's decoders (MIT, © Photopea) step for step, with three checks that fail fast naming the
// damage: a code word longer than any CCITT code, a run longer than the line, a line overflowing
// the image width. They replace utif2's at load (`installCcittGuards`).

/** The longest code a CCITT stream holds: 13-bit run lengths, 12-bit EOL (after fill zeros in G3). */
const MAX_CODE_BITS = 14;

/** The end-of-line code (G3 lines; twice, the end of a G4 stream). */
const EOL = '000000000001';

/** utif2's decoder helpers and tables, as its `UTIF.decode` object carries them. */
interface Decode {
  _lens: [Record<string, number>, Record<string, number>];
  _dmap: Record<string, number>;
  _findDiff(line: number[], x: number, clr: number): number;
  _makeDiff(line: number[]): number[];
  _writeBits(bits: number[], tgt: Uint8Array, boff: number): void;
  _decodeG4: (...a: never[]) => void;
  _decodeG3: (...a: never[]) => void;
}

/** The error a damaged CCITT stream throws (image-decode reports it as a damaged TIFF page). */
export class CcittDamage extends Error {
  constructor(what: string, bitOffset: number) {
    super(`invalid CCITT fax data (${what}) at byte ${bitOffset >>> 3}`);
    this.name = 'CcittDamage';
  }
}

/** Where a damaged strip stopped: the damage, and how many of its lines were decoded before it. */
export interface CcittStop {
  damage: CcittDamage;
  lines: number;
}

/**
 * The damage met by the decoding calls since the last `takeCcittDamage()`. Decoding is synchronous,
 * so the caller that decodes one page and then takes the list sees that page's damage only.
 */
let stops: CcittStop[] = [];

/** The damaged strips since the last call (and forget them). */
export function takeCcittDamage(): CcittStop[] {
  const out = stops;
  stops = [];
  return out;
}

/**
 * Replace utif2's G3/G4 decoders by the bounded ones below (idempotent). A damaged strip keeps the
 * lines decoded before the damage (the rest stays white) and is listed by `takeCcittDamage`.
 */
export function installCcittGuards(decode: Decode): void {
  const guarded = (s: Strip, run: (U: Decode, s: Strip, st: State) => void) => {
    const st = newState(s, [], 0);
    try {
      run(decode, s, st);
    } catch (e) {
      if (!(e instanceof CcittDamage)) throw e;
      stops.push({ damage: e, lines: Math.max(0, st.y) });
    }
  };
  decode._decodeG4 = ((
    data: Uint8Array,
    off: number,
    slen: number,
    tgt: Uint8Array,
    toff: number,
    w: number,
    fo: number,
  ) => guarded({ data, off, slen, tgt, toff, w, fo }, decodeG4)) as Decode['_decodeG4'];
  decode._decodeG3 = ((
    data: Uint8Array,
    off: number,
    slen: number,
    tgt: Uint8Array,
    toff: number,
    w: number,
    fo: number,
    twoDim: boolean,
  ) => guarded({ data, off, slen, tgt, toff, w, fo, twoDim }, decodeG3)) as Decode['_decodeG3'];
}

interface Strip {
  data: Uint8Array;
  off: number;
  slen: number;
  tgt: Uint8Array;
  toff: number;
  /** Image width in pixels. */
  w: number;
  /** Fill order: 1 most significant bit first, 2 least. */
  fo: number;
  twoDim?: boolean;
}

/** `n` pixels of colour `val` appended to the line, refusing a run past the image width. */
function addRun(line: number[], n: number, val: number, w: number, boff: number): void {
  if (line.length + n > w) throw new CcittDamage(`a run of ${n} pixels overflows a ${w}-pixel line`, boff);
  for (let i = 0; i < n; i++) line.push(val);
}

const bitAt = (s: Strip, boff: number): number =>
  s.fo === 2 ? (s.data[boff >>> 3] >>> (boff & 7)) & 1 : (s.data[boff >>> 3] >>> (7 - (boff & 7))) & 1;

/** Mutable decoding state of one strip (a0, colour, the code word read so far, the current line). */
interface State {
  boff: number;
  wrd: string;
  line: number[];
  pline: number[];
  a0: number;
  clr: number;
  len: number;
  mode: '' | 'H';
  toRead: number;
  y: number;
}

/** One step of 2-D (G4, or G3 two-dimensional) coding once `wrd` may hold a code. */
function step2d(U: Decode, s: Strip, st: State, b1: number, b2: number): void {
  if (st.mode === 'H') {
    const dl = U._lens[st.clr][st.wrd];
    if (dl == null) return;
    st.wrd = '';
    st.len += dl;
    if (st.len > s.w) throw new CcittDamage(`a horizontal run of ${st.len} pixels in a ${s.w}-pixel line`, st.boff);
    if (dl < 64) {
      addRun(st.line, st.len, st.clr, s.w, st.boff);
      st.a0 += st.len;
      st.clr = 1 - st.clr;
      st.len = 0;
      if (--st.toRead === 0) st.mode = '';
    }
    return;
  }
  if (st.wrd === '0001') {
    st.wrd = '';
    addRun(st.line, b2 - st.a0, st.clr, s.w, st.boff);
    st.a0 = b2;
  }
  if (st.wrd === '001') {
    st.wrd = '';
    st.mode = 'H';
    st.toRead = 2;
  }
  const d = U._dmap[st.wrd];
  if (d != null) {
    const a1 = b1 + d;
    addRun(st.line, a1 - st.a0, st.clr, s.w, st.boff);
    st.a0 = a1;
    st.wrd = '';
    st.clr = 1 - st.clr;
  }
}

function newState(s: Strip, pline: number[], y: number): State {
  return { boff: s.off << 3, wrd: '', line: [], pline, a0: 0, clr: 0, len: 0, mode: '', toRead: 0, y };
}

/** utif2's `_decodeG4`, bounded; `st` is fresh and shows how far it got when it throws. */
function decodeG4(U: Decode, s: Strip, st: State): void {
  st.pline = U._makeDiff(new Array<number>(s.w).fill(0));
  const bipl = Math.ceil(s.w / 8) * 8;
  while (st.boff >>> 3 < s.off + s.slen) {
    const b1 = U._findDiff(st.pline, st.a0 + (st.a0 === 0 ? 0 : 1), 1 - st.clr);
    const b2 = U._findDiff(st.pline, b1, st.clr);
    st.wrd += bitAt(s, st.boff++);
    // EOFB (two EOLs) ends a G4 stream: T.6 has no EOL anywhere else.
    if (st.wrd === EOL) break;
    if (st.wrd.length > MAX_CODE_BITS) throw new CcittDamage('no code matches', st.boff);
    step2d(U, s, st, b1, b2);
    if (st.line.length === s.w && st.mode === '') {
      U._writeBits(st.line, s.tgt, s.toff * 8 + st.y * bipl);
      st.clr = 0;
      st.y++;
      st.a0 = 0;
      st.pline = U._makeDiff(st.line);
      st.line = [];
    }
  }
}

/** One step of 1-D (modified Huffman) coding. */
function step1d(U: Decode, s: Strip, st: State): void {
  const dl = U._lens[st.clr][st.wrd];
  if (dl == null) return;
  st.wrd = '';
  st.len += dl;
  if (st.len > s.w) throw new CcittDamage(`a run of ${st.len} pixels in a ${s.w}-pixel line`, st.boff);
  if (dl < 64) {
    addRun(st.line, st.len, st.clr, s.w, st.boff);
    st.clr = 1 - st.clr;
    st.len = 0;
  }
}

/** utif2's `_decodeG3`, bounded (fill zeros before an EOL are allowed, up to a line's worth). */
function decodeG3(U: Decode, s: Strip, st: State): void {
  // utif2 starts with a line of w zeros that nothing ever writes (y is -1 until the first EOL); an
  // empty one keeps the run check meaningful before that EOL and changes no pixel written.
  st.y = -1;
  let is1D = true;
  const bipl = Math.ceil(s.w / 8) * 8;
  while (st.boff >>> 3 < s.off + s.slen) {
    const b1 = U._findDiff(st.pline, st.a0 + (st.a0 === 0 ? 0 : 1), 1 - st.clr);
    const b2 = U._findDiff(st.pline, b1, st.clr);
    st.wrd += bitAt(s, st.boff++);
    if (st.wrd.length > MAX_CODE_BITS && (st.wrd.length > s.w + MAX_CODE_BITS || /1./.test(st.wrd))) {
      throw new CcittDamage('no code matches', st.boff);
    }
    if (is1D) step1d(U, s, st);
    else step2d(U, s, st, b1, b2);
    if (st.wrd.endsWith(EOL)) {
      if (st.y >= 0) U._writeBits(st.line, s.tgt, s.toff * 8 + st.y * bipl);
      if (s.twoDim) is1D = bitAt(s, st.boff++) === 1;
      st.wrd = '';
      st.clr = 0;
      st.y++;
      st.a0 = 0;
      st.pline = U._makeDiff(st.line);
      st.line = [];
    }
  }
  if (st.line.length === s.w) U._writeBits(st.line, s.tgt, s.toff * 8 + st.y * bipl);
}

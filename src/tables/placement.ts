// Table 三 row placement confirmed by the arithmetic. Rows whose label names their template row
// surely are anchors; a row between two anchors whose label is loose, garbled or missing is placed
// among the template rows left free between them, in the template's order, and of the possible
// placements the one the relations of src/templates (（七）总计 = sum of the results, the balance)
// confirm is taken. A placement the arithmetic does not confirm — the relations fail, or another
// placement fits them as well but puts other values there — is returned as unconfirmed, for the
// parser to flag by its path.
import { checkApplications } from '../checks/arithmetic.js';
import type { ApplicantRow, Applications } from '../schema/record.js';
import { setPath } from '../schema/paths.js';
import { RELATIONS } from '../templates/index.js';

/** One printed row as the placement sees it. */
export interface PrintedRow<E> {
  /** The template row the label alignment chose, if any. */
  matched: E | null;
  /** Its label names `matched` surely (an anchor that is never moved). */
  sure: boolean;
  /** Its values by column, as placed (null: a row printed with no value, which is not moved). */
  values: ApplicantRow | null;
}

export interface Placement<E> {
  /** The template row each printed row is placed as (null: left out). */
  assign: Array<E | null>;
  /** Whether each printed row's placement is confirmed (anchors and blank rows: true). */
  confirmed: boolean[];
  /** Whether the row was placed by order and arithmetic rather than by its label alone. */
  moved: boolean[];
}

export interface PlacementOptions<E> {
  /** Template rows in print order. */
  expected: readonly E[];
  /** The template rows this report's form prints (the others are not placed into). */
  allowed: (e: E) => boolean;
  /** How well printed row `k`'s label fits template row `e` (ties between equal arithmetic). */
  labelScore: (k: number, e: E) => number;
  /** Most placements tried for one run of rows between anchors; beyond it the alignment stands, unconfirmed. */
  maxCandidates: number;
}

/** The relations between rows of table 三 (a row's own total does not depend on where it is placed). */
const CROSS_ROW = new Set(RELATIONS.filter((r) => r.table === 'applications' && r.kind !== 'rowSum').map((r) => r.id));

/** Rounds of choosing each run's placement with the others held (they settle in one or two). */
const MAX_PASSES = 4;

/** Rows that are printed either whole or as their parts, never both (（六） as one row or three). */
const WHOLE_OR_PARTS: Array<[string, readonly string[]]> = RELATIONS.flatMap((r) =>
  r.kind === 'columnSum' ? Object.entries(r.insteadOf) : [],
);

interface Gap {
  /** Printed row indices of the run, in order. */
  rows: number[];
  /** Indices (into expected) of the free template rows between its anchors. */
  free: number[];
  /** Each candidate: per row of the run, an index into expected or -1 (left out). */
  candidates: number[][];
  current: number;
  /** More placements than `maxCandidates`: the alignment's stands, unconfirmed. */
  overflow: boolean;
}

/** What the steps of a placement share. */
interface State<E> {
  rows: PrintedRow<E>[];
  opts: PlacementOptions<E>;
  idx: Map<E, number>;
  anchor: boolean[];
  gaps: Gap[];
}

/**
 * Place the rows of table 三 whose labels are not sure. `rows` are the printed rows in order; the
 * anchors' template rows must be in template order (the label alignment guarantees it).
 */
export function placeRows<E extends { path: string }>(rows: PrintedRow<E>[], opts: PlacementOptions<E>): Placement<E> {
  const idx = new Map(opts.expected.map((e, i) => [e, i]));
  const anchor = rows.map((r) => r.matched !== null && (r.sure || r.values === null));
  const st: State<E> = { rows, opts, idx, anchor, gaps: [] };
  st.gaps = findGaps(st);
  for (const gap of st.gaps) addCandidates(st, gap);
  const keys = settle(st);
  return confirm(st, keys);
}

/** Runs of movable rows (values printed, label not sure) between anchors, with the template rows free between them. */
function findGaps<E extends { path: string }>(st: State<E>): Gap[] {
  const { rows, opts, idx, anchor } = st;
  const taken = new Set(rows.filter((_, k) => anchor[k]).map((r) => idx.get(r.matched!)!));
  const gaps: Gap[] = [];
  let run: number[] = [];
  let lo = -1;
  const close = (hi: number) => {
    if (run.length) {
      const free = [];
      for (let j = lo + 1; j < hi; j++) if (!taken.has(j) && opts.allowed(opts.expected[j])) free.push(j);
      gaps.push({ rows: run, free, candidates: [], current: 0, overflow: false });
    }
    run = [];
  };
  rows.forEach((r, k) => {
    if (anchor[k]) {
      close(idx.get(r.matched!)!);
      lo = idx.get(r.matched!)!;
    } else if (r.values) run.push(k);
  });
  close(opts.expected.length);
  return gaps;
}

/** The run's possible placements, the alignment's own first (it stands where nothing beats it). */
function addCandidates<E extends { path: string }>(st: State<E>, gap: Gap): void {
  const { rows, idx, opts } = st;
  const anchored = rows.filter((_, k) => st.anchor[k]).map((r) => r.matched!.path);
  const aligned = gap.rows.map((k) => {
    const m = rows[k].matched;
    const j = m ? idx.get(m)! : -1;
    return gap.free.includes(j) ? j : -1;
  });
  gap.candidates = [aligned];
  // A row whose label matched a row loosely is placed somewhere: leaving it out to make the
  // arithmetic hold would hide a report's own inconsistency. Only a row no label names may be.
  const must = gap.rows.map((k) => rows[k].matched !== null);
  gap.overflow = !enumerate(gap, must, opts.maxCandidates, (c) => {
    if (!sameList(c, aligned) && consistent(c, opts.expected, anchored)) gap.candidates.push(c);
  });
  if (gap.overflow) gap.candidates = [aligned];
}

/** The table as the anchors and each run's current placement give it. */
function build<E extends { path: string }>(st: State<E>): Applications {
  const data: Record<string, unknown> = {};
  st.rows.forEach((r, k) => {
    if (st.anchor[k] && r.values) setPath(data, r.matched!.path, r.values);
  });
  for (const g of st.gaps) {
    g.candidates[g.current].forEach((j, i) => {
      if (j >= 0) setPath(data, st.opts.expected[j].path, st.rows[g.rows[i]].values);
    });
  }
  return data as Applications;
}

/** The relations between rows, evaluated on the current placement. */
const crossChecks = <E extends { path: string }>(st: State<E>) =>
  checkApplications(build(st)).filter((x) => CROSS_ROW.has(x.id.split(':')[0]));

/**
 * Each run in turn takes its best placement with the others held, until none changes. A placement
 * is judged by the relations it breaks (fewest first), then the rows it places, then the relations
 * it satisfies (a relation over an absent row is not evaluated), then the labels. Returns each
 * run's candidates' keys.
 */
function settle<E extends { path: string }>(st: State<E>): number[][][] {
  const labelOf = (gap: Gap, c: number[]) =>
    c.reduce((s, j, i) => s + (j >= 0 ? st.opts.labelScore(gap.rows[i], st.opts.expected[j]) : 0), 0);
  const keyOf = (gap: Gap, c: number[]) => {
    const checks = crossChecks(st);
    const passed = checks.filter((x) => x.passed).length;
    return [passed - checks.length, c.filter((j) => j >= 0).length, passed, labelOf(gap, c)];
  };
  const keys: number[][][] = st.gaps.map(() => []);
  for (let pass = 0, changed = true; changed && pass < MAX_PASSES; pass++) {
    changed = false;
    st.gaps.forEach((gap, g) => {
      const was = gap.current;
      keys[g] = gap.candidates.map((c, ci) => {
        gap.current = ci;
        return keyOf(gap, c);
      });
      let best = was;
      keys[g].forEach((key, ci) => {
        if (compare(key, keys[g][best]) > 0) best = ci;
      });
      gap.current = best;
      if (best !== was || pass === 0) changed = st.gaps.length > 1;
    });
  }
  return keys;
}

/**
 * The chosen placements, each confirmed where every relation over its row holds and no placement
 * the arithmetic cannot tell from it (as few relations broken, as many rows placed) puts other
 * values there.
 */
function confirm<E extends { path: string }>(st: State<E>, keys: number[][][]): Placement<E> {
  const { rows, opts } = st;
  const assign: Array<E | null> = rows.map((r, k) => (st.anchor[k] ? r.matched : null));
  const confirmed = rows.map(() => true);
  const moved = rows.map(() => false);
  const finalChecks = crossChecks(st);
  st.gaps.forEach((gap, g) => {
    const chosen = gap.candidates[gap.current];
    const best = keys[g][gap.current];
    const rivals = gap.candidates.filter((_, ci) => keys[g][ci][0] === best[0] && keys[g][ci][1] === best[1]);
    const here = (c: number[], j: number) => {
      const at = c.indexOf(j);
      return at >= 0 ? JSON.stringify(rows[gap.rows[at]].values) : null;
    };
    chosen.forEach((j, i) => {
      const k = gap.rows[i];
      assign[k] = j >= 0 ? opts.expected[j] : null;
      moved[k] = true;
      if (j < 0) return void (confirmed[k] = false);
      const covering = finalChecks.filter((c) =>
        c.paths.some((p) => p.startsWith(`applications.${opts.expected[j].path}.`)),
      );
      const unique = rivals.every((c) => here(c, j) === here(chosen, j));
      confirmed[k] = !gap.overflow && unique && covering.length > 0 && covering.every((c) => c.passed);
    });
  });
  return { assign, confirmed, moved };
}

/** Every order-preserving placement of the run's rows into its free rows (those not `must` may be left out); false past `max`. */
function enumerate(gap: Gap, must: boolean[], max: number, visit: (c: number[]) => void): boolean {
  let count = 0;
  const c: number[] = [];
  const step = (i: number, from: number): boolean => {
    if (i === gap.rows.length) {
      if (++count > max) return false;
      visit([...c]);
      return true;
    }
    if (!must[i]) {
      c.push(-1);
      if (!step(i + 1, from)) return false;
      c.pop();
    }
    for (let f = from; f < gap.free.length; f++) {
      c.push(gap.free[f]);
      if (!step(i + 1, f + 1)) return false;
      c.pop();
    }
    return true;
  };
  return step(0, 0);
}

/** A placement may not print a row both whole and as its parts (with the anchors). */
function consistent<E extends { path: string }>(c: number[], expected: readonly E[], anchored: string[]): boolean {
  const paths = new Set([...anchored, ...c.filter((j) => j >= 0).map((j) => expected[j].path)]);
  return WHOLE_OR_PARTS.every(([whole, parts]) => !(paths.has(whole) && parts.some((p) => paths.has(p))));
}

const sameList = (a: number[], b: number[]) => a.length === b.length && a.every((x, i) => x === b[i]);

function compare(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

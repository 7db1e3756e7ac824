// A bounded memo for pure functions of short strings (labels): the same printed labels meet the
// same template labels in every report of a batch, so most calls repeat.

/** Entries kept before the memo is cleared and starts afresh (labels are short: ~100 bytes each). */
export const MEMO_MAX_ENTRIES = 20_000;

/** `fn` with its results remembered by its string arguments; the memo is cleared when full. */
export function memoStrings<A extends string[], R>(fn: (...args: A) => R, max = MEMO_MAX_ENTRIES): (...args: A) => R {
  const memo = new Map<string, R>();
  return (...args: A): R => {
    const key = args.length === 1 ? args[0] : args.join('\u0000');
    const hit = memo.get(key);
    if (hit !== undefined || memo.has(key)) return hit as R;
    const r = fn(...args);
    if (memo.size >= max) memo.clear();
    memo.set(key, r);
    return r;
  };
}

// Walking a page's operator list with the current transformation matrix kept up to date
// (save/restore, cm, and form XObjects, which carry a matrix of their own).
import type { PDFOperatorList } from 'pdfjs-dist/types/src/display/api.js';
import { loadPdfjs } from './pdf-document.js';
import { multiply, type Matrix } from './matrix.js';

/** `visit` sees every operator with the CTM in force; returning false stops the walk. */
export async function walkOperators(
  ops: PDFOperatorList,
  visit: (fn: number, args: unknown[], ctm: Matrix) => boolean | void,
): Promise<void> {
  const { OPS } = await loadPdfjs();
  const stack: Matrix[] = [];
  let ctm: Matrix = [1, 0, 0, 1, 0, 0];
  for (let i = 0; i < ops.fnArray.length; i++) {
    const fn = ops.fnArray[i];
    const args = ops.argsArray[i] as unknown[];
    if (fn === OPS.save) stack.push(ctm);
    else if (fn === OPS.restore) ctm = stack.pop() ?? ctm;
    else if (fn === OPS.transform) ctm = multiply(ctm, args as Matrix);
    else if (fn === OPS.paintFormXObjectBegin) {
      stack.push(ctm);
      const m = args[0] as ArrayLike<number> | null;
      if (m) ctm = multiply(ctm, Array.from(m) as Matrix);
    } else if (fn === OPS.paintFormXObjectEnd) ctm = stack.pop() ?? ctm;
    else if (visit(fn, args, ctm) === false) return;
  }
}

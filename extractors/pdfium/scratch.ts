// A small block of wasm memory for out-parameters (boxes, points, matrices), reused per call.
import type { Pdfium } from './wasm.js';

export interface Scratch {
  /** Byte address of the block; 8-byte aligned. */
  ptr: number;
  /** float32 number `i` of the block. */
  f32(i: number): number;
  /** float64 number `i` of the block. */
  f64(i: number): number;
  /** int32 number `i` of the block. */
  i32(i: number): number;
  free(): void;
}

/** `bytes` of scratch space; free it in a finally block. */
export function scratch(px: Pdfium, bytes = 64): Scratch {
  const ptr = px.fn.malloc(bytes);
  if (!ptr) throw new Error('PDFium: out of wasm memory');
  return {
    ptr,
    f32: (i) => px.heapF32()[(ptr >> 2) + i],
    f64: (i) => px.heapF64()[(ptr >> 3) + i],
    i32: (i) => px.heapI32()[(ptr >> 2) + i],
    free: () => px.fn.free(ptr),
  };
}

// The one error type users see, and how anything else thrown becomes one.
import { describe, expect, it } from 'vitest';
import { asNianbaoError, NianbaoError } from '../core/errors.js';

describe('asNianbaoError', () => {
  it('keeps a NianbaoError and makes anything else an INTERNAL error naming the file', () => {
    const own = new NianbaoError('CORRUPT_PDF', 'not a readable PDF', 'a.pdf');
    expect(asNianbaoError(own, 'b.pdf')).toBe(own);
    const bug = asNianbaoError(new TypeError('x is undefined'), 'b.pdf');
    expect([bug.code, bug.message, bug.file, bug.exitCode]).toEqual([
      'INTERNAL',
      'internal error: x is undefined',
      'b.pdf',
      70,
    ]);
    expect(asNianbaoError('boom', null).toLine()).toBe('internal error: boom');
  });
});

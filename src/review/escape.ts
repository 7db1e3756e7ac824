// Everything in a record may come from an untrusted PDF: every string goes through these.
import { createHash } from 'node:crypto';

/** The CSP source that lets exactly this inline script run: 'sha256-…' of its text. */
export const scriptHash = (script: string): string =>
  `'sha256-${createHash('sha256').update(script, 'utf8').digest('base64')}'`;

export function esc(s: unknown): string {
  return String(s ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

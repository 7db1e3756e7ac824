// How the input formats are named to the user: in the --help of every command that reads reports,
// and in the error line of a file of another type. One entry per SourceFormat (the compiler checks),
// so a new reader cannot come without its name; tests/help.test.ts checks each command prints them.
import type { SourceFormat } from '../../extractors/types.js';

interface FormatName {
  /** In --help: the format and what is read of it. */
  name: string;
  /** In an error line: a word or two. */
  short: string;
  /** An outside program it is read through. */
  needs?: string;
}

export const FORMAT_NAMES: Record<SourceFormat, FormatName> = {
  pdf: { name: 'PDF (its text layer; scanned pages by OCR)', short: 'PDF' },
  html: { name: 'web page (HTML, any charset)', short: 'HTML' },
  mht: { name: 'web archive (.mht/.mhtml)', short: 'MHT' },
  docx: { name: 'Word (.docx)', short: 'Word (.docx)' },
  doc: { name: 'Word 97–2003 (.doc)', short: 'Word 97–2003 (.doc)', needs: 'LibreOffice (soffice)' },
  wps: { name: 'WPS Writer (.wps)', short: 'WPS', needs: 'LibreOffice (soffice)' },
  odt: { name: 'ODF text (.odt)', short: 'ODT', needs: 'LibreOffice (soffice)' },
  rtf: { name: 'RTF', short: 'RTF', needs: 'LibreOffice (soffice)' },
  image: { name: 'image or TIFF scan (JPEG, PNG, TIFF, BMP, WebP, GIF; by OCR)', short: 'images' },
  markdown: { name: 'Markdown (what PDF converters write)', short: 'Markdown' },
  text: { name: 'text (e.g. pdftotext output)', short: 'text' },
};

const listed = (parts: string[]) => `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;

/** The formats read, in a word or two each, for an error line. */
export function formatsShort(): string {
  return listed(Object.values(FORMAT_NAMES).map((f) => f.short));
}

/**
 * The formats read, as a --help paragraph wrapped at `width` columns: each named in full, those read
 * through an outside program said so.
 */
export function formatsHelp(width = 96): string {
  const all = Object.values(FORMAT_NAMES);
  const needs = [...new Set(all.flatMap((f) => (f.needs ? [f.needs] : [])))].map(
    (program) => ` ${listed(all.filter((f) => f.needs === program).map((f) => f.short))} are read through ${program}.`,
  );
  const text = `Formats, told from the file's bytes (not its name): ${listed(all.map((f) => f.name))}.${needs.join('')}`;
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  return [...lines, line].join('\n');
}

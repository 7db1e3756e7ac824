// A generated legacy report (scripts/samples/legacy.ts) in the forms agencies published them in:
// plain text, a web page, a Word document (the `docx` package) and a PDF (Chromium prints the page).
import { AlignmentType, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import type { LegacySample } from './legacy.js';

const TABLE_TITLE = '政府信息公开情况统计表';
const HEAD: [string, string, string] = ['指标名称', '单位', '数量'];

/** The report as a text file (the table's cells set apart by spaces, as pdftotext -layout gives them). */
export function legacyText(s: LegacySample): string {
  const table = s.table ? [TABLE_TITLE, HEAD.join('    '), ...s.table.map((r) => r.join('    '))] : [];
  return [...(s.title ? [s.title, ''] : []), ...s.paragraphs, ...table, '', ...s.signOff].join('\n') + '\n';
}

const esc = (t: string) => t.replace(/&/gu, '&amp;').replace(/</gu, '&lt;');

/** The report as a web page. */
export function legacyHtml(s: LegacySample): string {
  const rows = (s.table ?? []).map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`).join('\n');
  const table = s.table ? `<p>${TABLE_TITLE}</p>\n<table border="1"><tr>${HEAD.map((h) => `<th>${h}</th>`).join('')}</tr>\n${rows}</table>` : '';
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${esc(s.title ?? s.signOff[0] ?? '')}</title>
<style>@page { size: A4; margin: 2cm } body { font-family: "Noto Serif CJK SC", serif; font-size: 12pt } td { padding: 2px 8px }</style></head>
<body>${s.title ? `<h1 style="text-align:center;font-size:16pt">${esc(s.title)}</h1>` : ''}
${s.paragraphs.map((p) => `<p>${esc(p)}</p>`).join('\n')}
${table}
${s.signOff.map((p) => `<p style="text-align:right">${esc(p)}</p>`).join('\n')}
</body></html>
`;
}

const para = (text: string, center = false) => new Paragraph({ children: [new TextRun({ text, size: 24 })], alignment: center ? AlignmentType.CENTER : AlignmentType.LEFT });
const cell = (text: string) => new TableCell({ children: [para(text)] });

/** The report as .docx bytes. */
export async function legacyDocx(s: LegacySample): Promise<Buffer> {
  const table = s.table
    ? [para(TABLE_TITLE, true), new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows: [HEAD, ...s.table].map((r) => new TableRow({ children: r.map(cell) })) })]
    : [];
  const doc = new Document({
    sections: [{ children: [...(s.title ? [para(s.title, true)] : []), ...s.paragraphs.map((p) => para(p)), ...table, ...s.signOff.map((p) => para(p))] }],
  });
  return Packer.toBuffer(doc);
}

/**
 * Renders a `NoteDocument` as Markdown (GitHub tables) or as one self-contained HTML page:
 * inline CSS only (no scripts, fonts or images to fetch), A4 print rules, so the page prints
 * or saves as PDF the same anywhere and can be filed as it is.
 */
import type { Block, NoteDocument } from './noteDocument.ts';

export function renderMarkdown(doc: NoteDocument): string {
  const out: string[] = [];
  for (const b of doc.blocks) {
    if (b.kind === 'title') out.push(`# ${b.text}`, '');
    else if (b.kind === 'heading') out.push(`## ${b.text}`, '');
    else if (b.kind === 'paragraph') out.push(b.text, '');
    else if (b.kind === 'list') out.push(...b.items.map((i) => `- ${i}`), '');
    else {
      const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
      out.push(`| ${b.header.map(cell).join(' | ')} |`);
      out.push(`|${b.header.map((_, c) => (b.align?.[c] === 'r' ? ' ---: ' : ' --- ')).join('|')}|`);
      for (const r of b.rows) out.push(`| ${r.map(cell).join(' | ')} |`);
      out.push('');
    }
  }
  return out.join('\n');
}

const CSS = `
@page { size: A4; margin: 10mm; }
body { font: 9.5pt/1.35 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: #111; max-width: 190mm; margin: 1em auto; }
h1 { font-size: 14pt; margin: 0 0 .3em; } h2 { font-size: 11pt; margin: .9em 0 .25em; border-bottom: 1px solid #999; }
p { margin: .25em 0; } ul { margin: .2em 0 .2em 1.2em; padding: 0; } li { margin: .1em 0; }
table { border-collapse: collapse; width: 100%; margin: .3em 0; font-size: 8.5pt; }
th, td { border: 1px solid #bbb; padding: 1px 4px; vertical-align: top; text-align: left; }
th { background: #eee; } td.r, th.r { text-align: right; font-variant-numeric: tabular-nums; }
table.small { font-size: 7pt; } table.small td { word-break: break-all; font-family: ui-monospace, Menlo, Consolas, monospace; }
@media print {
  body { margin: 0; max-width: none; font-size: 7.5pt; line-height: 1.2; }
  h1 { font-size: 11.5pt; } h2 { font-size: 9pt; margin: .5em 0 .15em; break-after: avoid; }
  table { font-size: 7pt; margin: .15em 0; } th, td { padding: 0 3px; } table.small { font-size: 5.5pt; } tr { break-inside: avoid; }
}
`.trim();

export function renderHtml(doc: NoteDocument): string {
  const body = doc.blocks.map(htmlBlock).join('\n');
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(doc.title)}</title>
<style>
${CSS}
</style>
</head>
<body>
${body}
</body>
</html>
`;
}

function htmlBlock(b: Block): string {
  if (b.kind === 'title') return `<h1>${inline(b.text)}</h1>`;
  if (b.kind === 'heading') return `<h2>${inline(b.text)}</h2>`;
  if (b.kind === 'paragraph') return `<p>${inline(b.text)}</p>`;
  if (b.kind === 'list') return `<ul>\n${b.items.map((i) => `<li>${inline(i)}</li>`).join('\n')}\n</ul>`;
  const cls = (c: number) => (b.align?.[c] === 'r' ? ' class="r"' : '');
  const head = `<tr>${b.header.map((h, c) => `<th${cls(c)}>${inline(h)}</th>`).join('')}</tr>`;
  const rows = b.rows.map((r) => `<tr>${r.map((v, c) => `<td${cls(c)}>${inline(v)}</td>`).join('')}</tr>`).join('\n');
  return `<table${b.small ? ' class="small"' : ''}>\n<thead>${head}</thead>\n<tbody>\n${rows}\n</tbody>\n</table>`;
}

/** HTML-escapes, then renders the only inline Markdown the note uses: **bold** and `code`. */
function inline(s: string): string {
  return esc(s)
    .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
    .replace(/`([^`]+)`/g, '<code>$1</code>');
}

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

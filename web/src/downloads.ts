/**
 * Downloads: the current results table as CSV (the columns of the CLI's results.csv, via the
 * same core code, under the weights on screen) and the map as PNG with its title and the
 * attribution drawn underneath, so a pasted image keeps its licence statement.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import { formatCsv } from '../../src/core/csvFormat.ts';
import { resultColumns, roundForOutput } from '../../src/core/resultTable.ts';
import type { Result } from '../../src/core/types.ts';

export function resultCsv(result: Result): string {
  const cols = resultColumns(result);
  const rows = Array.from({ length: result.areas.codes.length }, (_, i) => cols.map((c) => (c.kind === 'number' ? roundForOutput(c.values(i) as number) : c.values(i))));
  return formatCsv(cols.map((c) => c.name), rows);
}

export function saveBlob(blob: Blob, filename: string): void {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

/** The map canvas plus a caption strip (title, attribution), as a PNG blob. */
export function mapPng(map: MapLibreMap, title: string, attribution: string[]): Promise<Blob> {
  return new Promise((resolve, reject) => {
    map.once('render', () => {
      const src = map.getCanvas();
      const scale = src.width / src.clientWidth || 1;
      const lineHeight = Math.round(14 * scale);
      const lines = [title, ...wrap(attribution.join(' '), Math.floor(src.width / (6.5 * scale)))];
      const out = document.createElement('canvas');
      out.width = src.width;
      out.height = src.height + lineHeight * (lines.length + 1);
      const ctx = out.getContext('2d');
      if (!ctx) return reject(new Error('no 2D canvas'));
      ctx.fillStyle = '#ffffff';
      ctx.fillRect(0, 0, out.width, out.height);
      ctx.drawImage(src, 0, 0);
      ctx.fillStyle = '#1a1a1a';
      lines.forEach((l, i) => {
        ctx.font = `${i === 0 ? 'bold ' : ''}${Math.round(12 * scale)}px system-ui, sans-serif`;
        ctx.fillText(l, 8 * scale, src.height + lineHeight * (i + 1));
      });
      out.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG encoding failed'))), 'image/png');
    });
    map.triggerRepaint();
  });
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + word.length + 1 > width) (lines.push(line), (line = word));
    else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

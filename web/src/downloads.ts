/**
 * Downloads: the current results table as CSV (the columns of the CLI's results.csv, via the
 * same core code, under the weights on screen) and the map as PNG with its borough names, and
 * its title and the attribution drawn underneath, so a pasted image keeps its licence statement.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import { formatCsv } from '../../src/core/csvFormat.ts';
import { resultColumns, roundForOutput } from '../../src/core/resultTable.ts';
import type { Result } from '../../src/core/types.ts';
import { classColour } from './palette.ts';

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

/** The map canvas plus a caption strip (title, colour key, attribution), as a PNG blob. */
export function mapPng(map: MapLibreMap, title: string, attribution: string[]): Promise<Blob> {
  return new Promise((resolve, reject) => {
    map.once('render', () => {
      const src = map.getCanvas();
      const scale = src.width / src.clientWidth || 1;
      const lineHeight = Math.round(14 * scale);
      const lines = [title, '', ...wrap(attribution.join(' · '), Math.floor(src.width / (6.5 * scale)))];
      const out = document.createElement('canvas');
      out.width = src.width;
      out.height = src.height + lineHeight * (lines.length + 1);
      const ctx = out.getContext('2d');
      if (!ctx) return reject(new Error('no 2D canvas'));
      ctx.fillStyle = '#ffffff';
      ctx.fillRect(0, 0, out.width, out.height);
      ctx.drawImage(src, 0, 0);
      drawLabels(ctx, map.getContainer(), src, scale);
      ctx.fillStyle = '#1a1a1a';
      lines.forEach((l, i) => {
        ctx.font = `${i === 0 ? 'bold ' : ''}${Math.round(12 * scale)}px system-ui, sans-serif`;
        ctx.fillText(l, 8 * scale, src.height + lineHeight * (i + 1));
      });
      drawKey(ctx, 8 * scale, src.height + lineHeight * 1.35, scale);
      out.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG encoding failed'))), 'image/png');
    });
    map.triggerRepaint();
  });
}

/** The colour key on one line (the second caption line): the ten deciles and no data. */
function drawKey(ctx: CanvasRenderingContext2D, x0: number, top: number, scale: number): void {
  const w = 16 * scale;
  const h = 10 * scale;
  ctx.font = `${Math.round(11 * scale)}px system-ui, sans-serif`;
  ctx.textBaseline = 'middle';
  let x = x0;
  const text = (t: string) => {
    ctx.fillStyle = '#1a1a1a';
    ctx.fillText(t, x, top + h / 2);
    x += ctx.measureText(t).width + 6 * scale;
  };
  text('Decile 1 = highest priority');
  for (let d = 1; d <= 10; d++) {
    ctx.fillStyle = classColour(d);
    ctx.fillRect(x, top, w, h);
    x += w;
  }
  x += 6 * scale;
  text('10 = lowest');
  ctx.fillStyle = classColour(0);
  ctx.fillRect(x, top, w, h);
  x += w + 4 * scale;
  text('no data');
  ctx.textBaseline = 'alphabetic';
}

/** Borough names are HTML markers, not part of the WebGL canvas: draw the visible ones onto the image. */
function drawLabels(ctx: CanvasRenderingContext2D, container: HTMLElement, canvas: HTMLCanvasElement, scale: number): void {
  if (container.classList.contains('labels-hidden')) return;
  const origin = canvas.getBoundingClientRect();
  ctx.font = `600 ${Math.round(11 * scale)}px system-ui, sans-serif`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.lineJoin = 'round';
  ctx.lineWidth = 3 * scale;
  ctx.strokeStyle = '#ffffff';
  ctx.fillStyle = '#111111';
  for (const el of container.querySelectorAll<HTMLElement>('.borough-label')) {
    if (el.style.visibility === 'hidden') continue;
    const r = el.getBoundingClientRect();
    const x = (r.left + r.width / 2 - origin.left) * scale;
    const y = (r.top + r.height / 2 - origin.top) * scale;
    if (x < 0 || y < 0 || x > canvas.width || y > canvas.height) continue;
    ctx.strokeText(el.textContent ?? '', x, y);
    ctx.fillText(el.textContent ?? '', x, y);
  }
  ctx.textAlign = 'start';
  ctx.textBaseline = 'alphabetic';
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

/**
 * Downloads: the current results table as CSV (the columns and text of the CLI's results.csv,
 * formula-neutralised cells included, via the same core code, under the weights on screen) and
 * the map as PNG with its borough names, and its title and the attribution drawn underneath, so
 * a pasted image keeps its licence statement.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import { formatOutputCsv } from '../../src/core/csvFormat.ts';
import { resultColumns, roundForOutput } from '../../src/core/resultTable.ts';
import type { Result } from '../../src/core/types.ts';
import { classColour } from './palette.ts';

export function resultCsv(result: Result): string {
  const cols = resultColumns(result);
  const rows = Array.from({ length: result.areas.codes.length }, (_, i) =>
    cols.map((c) => (c.kind === 'number' ? roundForOutput(c.values(i) as number) : c.values(i))),
  );
  return formatOutputCsv(
    cols.map((c) => c.name),
    rows,
  );
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

/**
 * The map canvas plus a caption strip under it: the title (what-if views say so), the colour
 * key, any notes (a what-if view's weights) and the attribution. Every line is wrapped to the
 * canvas width with the font's own measurements, and the key wraps too, so nothing is cut off
 * on a 375 px phone.
 */
export function mapPng(
  map: MapLibreMap,
  title: string,
  notes: string[],
  attribution: string[],
): Promise<{ blob: Blob; lines: string[] }> {
  return new Promise((resolve, reject) => {
    map.once('render', () => {
      const src = map.getCanvas();
      const scale = src.width / src.clientWidth || 1;
      const out = document.createElement('canvas');
      const ctx = out.getContext('2d');
      if (!ctx) return reject(new Error('no 2D canvas'));
      const drawn: string[] = [];
      const caption = (draw: boolean) =>
        layoutCaption(ctx, { title, notes, attribution, width: src.width, top: src.height, scale, draw, drawn });
      // Measure first (the canvas size must be set before drawing, and setting it clears it).
      out.width = src.width;
      out.height = Math.ceil(caption(false));
      ctx.fillStyle = '#ffffff';
      ctx.fillRect(0, 0, out.width, out.height);
      ctx.drawImage(src, 0, 0);
      drawLabels(ctx, map.getContainer(), src, scale);
      caption(true);
      out.toBlob(
        (b) => (b ? resolve({ blob: b, lines: drawn }) : reject(new Error('PNG encoding failed'))),
        'image/png',
      );
    });
    map.triggerRepaint();
  });
}

interface CaptionInput {
  title: string;
  notes: string[];
  attribution: string[];
  width: number;
  top: number;
  scale: number;
  draw: boolean;
  /** Receives each text line as it is painted (so tests can read the caption). */
  drawn: string[];
}

/** Lays out (and, with `draw`, paints) the caption; returns the bottom edge in canvas pixels. */
function layoutCaption(ctx: CanvasRenderingContext2D, c: CaptionInput): number {
  const pad = 8 * c.scale;
  const maxWidth = c.width - 2 * pad;
  const lineHeight = Math.round(15 * c.scale);
  let y = c.top + pad;
  const lines = (text: string, font: string) => {
    ctx.font = font;
    for (const line of wrapMeasured(ctx, text, maxWidth)) {
      if (c.draw) {
        ctx.fillStyle = '#1a1a1a';
        ctx.textBaseline = 'top';
        ctx.fillText(line, pad, y);
        c.drawn.push(line);
      }
      y += lineHeight;
    }
  };
  lines(c.title, `bold ${Math.round(12 * c.scale)}px system-ui, sans-serif`);
  y = drawKey(ctx, pad, y + 2 * c.scale, maxWidth, c.scale, c.draw) + 4 * c.scale;
  for (const n of c.notes) lines(n, `bold ${Math.round(11 * c.scale)}px system-ui, sans-serif`);
  lines(c.attribution.join(' · '), `${Math.round(11 * c.scale)}px system-ui, sans-serif`);
  ctx.textBaseline = 'alphabetic';
  return y + pad;
}

/**
 * The colour key (the ten deciles and no data), wrapping onto
 * further rows when the canvas is narrow; returns its bottom edge.
 */
function drawKey(
  ctx: CanvasRenderingContext2D,
  x0: number,
  top: number,
  maxWidth: number,
  scale: number,
  draw: boolean,
): number {
  const w = 16 * scale;
  const h = 10 * scale;
  const rowHeight = 16 * scale;
  ctx.font = `${Math.round(11 * scale)}px system-ui, sans-serif`;
  ctx.textBaseline = 'middle';
  let x = x0;
  let y = top;
  const room = (width: number) => {
    if (x + width > x0 + maxWidth && x > x0) {
      x = x0;
      y += rowHeight;
    }
  };
  const text = (t: string) => {
    const width = ctx.measureText(t).width;
    room(width);
    if (draw) {
      ctx.fillStyle = '#1a1a1a';
      ctx.fillText(t, x, y + h / 2);
    }
    x += width + 6 * scale;
  };
  const box = (colour: string, gap: number) => {
    room(w);
    if (draw) {
      ctx.fillStyle = colour;
      ctx.fillRect(x, y, w, h);
    }
    x += w + gap;
  };
  text('Decile 1 = highest priority');
  for (let d = 1; d <= 10; d++) box(classColour(d), 0);
  x += 6 * scale;
  text('10 = lowest');
  box(classColour(0), 4 * scale);
  text('no data');
  ctx.textBaseline = 'alphabetic';
  return y + rowHeight;
}

/** Borough names are HTML markers, not part of the WebGL canvas: draw the visible ones onto the image. */
function drawLabels(
  ctx: CanvasRenderingContext2D,
  container: HTMLElement,
  canvas: HTMLCanvasElement,
  scale: number,
): void {
  if (container.classList.contains('labels-hidden')) return;
  const origin = canvas.getBoundingClientRect();
  ctx.font = `600 ${Math.round(11 * scale)}px system-ui, sans-serif`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.lineJoin = 'round';
  ctx.lineWidth = 3 * scale;
  ctx.strokeStyle = '#ffffff';
  ctx.fillStyle = '#111111';
  for (const el of container.querySelectorAll<HTMLElement>('.borough-label, .ward-label')) {
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

/**
 * Splits text into lines no wider than `maxWidth` in the context's
 * current font (a word longer than a line stands alone).
 */
function wrapMeasured(ctx: CanvasRenderingContext2D, text: string, maxWidth: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    const next = line ? `${line} ${word}` : word;
    if (line && ctx.measureText(next).width > maxWidth) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

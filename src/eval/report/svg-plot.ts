/**
 * A small line plot over frames as an inline SVG string: no library and no
 * script, so the report stays one self-contained file.
 */
import { escapeHtml } from './html-escape.ts';

export interface PlotSeries {
  label: string;
  colour: string;
  /** One value per frame; null breaks the line (no face, no data). */
  values: readonly (number | null)[];
}

export interface LinePlotOptions {
  title: string;
  fps: number;
  series: readonly PlotSeries[];
  /** Value range of the y axis; by default the data's, widened to include 0. */
  yRange?: [number, number];
  yUnit?: string;
  /** Frames to shade behind the lines (e.g. speech). */
  shade?: readonly boolean[];
  shadeLabel?: string;
  width?: number;
  height?: number;
}

const MARGIN = { left: 48, right: 12, top: 26, bottom: 30 };

/** A round step giving about `count` ticks over `span` (1, 2 or 5 × 10ⁿ). */
function tickStep(span: number, count: number): number {
  const raw = span / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].find((m) => m * power >= raw)!;
  return step * power;
}

const num = (v: number) => String(Math.round(v * 10) / 10);
const label = (v: number) => String(Number(v.toPrecision(3)));

function dataRange(series: readonly PlotSeries[]): [number, number] {
  let lo = 0;
  let hi = 0;
  for (const s of series) for (const v of s.values) if (v !== null && Number.isFinite(v)) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
  return hi > lo ? [lo, hi] : [lo, lo + 1];
}

/** Runs of true as [start, end) frame ranges. */
function runs(mask: readonly boolean[]): [number, number][] {
  const out: [number, number][] = [];
  let start = -1;
  for (let i = 0; i <= mask.length; i++) {
    if (i < mask.length && mask[i]) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      out.push([start, i]);
      start = -1;
    }
  }
  return out;
}

export function linePlot(options: LinePlotOptions): string {
  const { title, fps, series, yUnit = '', shade, shadeLabel, width = 760, height = 200 } = options;
  const frames = Math.max(1, ...series.map((s) => s.values.length), shade?.length ?? 0);
  const [y0, y1] = options.yRange ?? dataRange(series);
  const plotW = width - MARGIN.left - MARGIN.right;
  const plotH = height - MARGIN.top - MARGIN.bottom;
  const x = (frame: number) => MARGIN.left + (frame / Math.max(1, frames - 1)) * plotW;
  const y = (v: number) => MARGIN.top + (1 - (Math.min(Math.max(v, y0), y1) - y0) / (y1 - y0)) * plotH;
  const parts: string[] = [];

  for (const [a, b] of shade ? runs(shade) : []) {
    parts.push(`<rect x="${num(x(a))}" y="${MARGIN.top}" width="${num(Math.max(1, x(b) - x(a)))}" height="${plotH}" fill="#eceff3"/>`);
  }

  const seconds = (frames - 1) / fps;
  const xStep = tickStep(Math.max(seconds, 1e-3), 8);
  for (let s = 0; s <= seconds + 1e-9; s += xStep) {
    const px = num(x(s * fps));
    parts.push(`<line x1="${px}" x2="${px}" y1="${MARGIN.top + plotH}" y2="${MARGIN.top + plotH + 4}" stroke="#555"/>`);
    parts.push(`<text x="${px}" y="${height - 12}" text-anchor="middle">${label(s)}</text>`);
  }
  parts.push(`<text x="${width - MARGIN.right}" y="${height - 1}" text-anchor="end">s</text>`);

  const yStep = tickStep(y1 - y0, 4);
  for (let v = Math.ceil(y0 / yStep) * yStep; v <= y1 + 1e-9; v += yStep) {
    const py = num(y(v));
    parts.push(`<line x1="${MARGIN.left}" x2="${MARGIN.left + plotW}" y1="${py}" y2="${py}" stroke="#ddd"/>`);
    parts.push(`<text x="${MARGIN.left - 6}" y="${py}" text-anchor="end" dominant-baseline="middle">${label(v)}${escapeHtml(yUnit)}</text>`);
  }
  parts.push(`<rect x="${MARGIN.left}" y="${MARGIN.top}" width="${plotW}" height="${plotH}" fill="none" stroke="#555"/>`);

  for (const s of series) {
    let path = '';
    let pen = false;
    s.values.forEach((v, i) => {
      if (v === null || !Number.isFinite(v)) {
        pen = false;
        return;
      }
      path += `${pen ? 'L' : 'M'}${num(x(i))} ${num(y(v))}`;
      pen = true;
    });
    if (path) parts.push(`<path d="${path}" fill="none" stroke="${escapeHtml(s.colour)}" stroke-width="1.5"/>`);
  }

  const legend = [
    ...series.map((s) => ({ label: s.label, colour: s.colour, swatch: 'line' })),
    ...(shade && shadeLabel ? [{ label: shadeLabel, colour: '#eceff3', swatch: 'box' }] : []),
  ];
  let lx = MARGIN.left + 8 + title.length * 7;
  parts.push(`<text x="${MARGIN.left}" y="16" font-weight="bold">${escapeHtml(title)}</text>`);
  for (const item of legend) {
    parts.push(
      item.swatch === 'line'
        ? `<line x1="${lx}" x2="${lx + 16}" y1="12" y2="12" stroke="${escapeHtml(item.colour)}" stroke-width="2"/>`
        : `<rect x="${lx}" y="6" width="16" height="12" fill="${escapeHtml(item.colour)}" stroke="#bbb"/>`,
    );
    parts.push(`<text x="${lx + 20}" y="16">${escapeHtml(item.label)}</text>`);
    lx += 32 + item.label.length * 6.5;
  }

  return (
    `<svg width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" ` +
    `font-family="sans-serif" font-size="11" role="img" aria-label="${escapeHtml(title)}">${parts.join('')}</svg>`
  );
}

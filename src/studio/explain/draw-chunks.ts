/**
 * The chunk band: a strip of a few seconds of the track around the playhead,
 * the chunk windows in two alternating lanes so neighbours can overlap
 * visibly, each overlap marked with the cross-fade (one chunk fading out as
 * the next fades in), and the playhead.
 */
import type { OverlayContext } from './overlay-context.ts';
import type { Rect } from './preview-mapping.ts';
import { bandRange, chunkOverlaps, currentWindow, windowsIn, type ChunkWindow } from './chunk-windows.ts';

const LANE_COLOURS = ['86, 180, 233', '204, 121, 167'] as const;
const ACCENT = '#f4b860';
const TEXT = '#e8ecf4';
const MUTED = '#9aa6bf';

export interface ChunkBandView {
  windows: readonly ChunkWindow[];
  longest: number;
  /** Seconds: the playhead and the track's length. */
  time: number;
  duration: number;
  band: Rect;
  scale: number;
}

export function formatClock(t: number): string {
  const s = Math.max(0, t);
  const m = Math.floor(s / 60);
  const rest = s - m * 60;
  return `${m}:${rest < 10 ? '0' : ''}${rest.toFixed(1)}`;
}

export function drawChunkBand(ctx: OverlayContext, v: ChunkBandView): void {
  const { band: b, scale: s } = v;
  const [t0, t1] = bandRange(v.time, v.duration);
  const x = (t: number) => b.x + ((t - t0) / (t1 - t0)) * b.width;
  const axisH = Math.round(16 * s);
  const laneGap = Math.round(3 * s);
  const laneH = (b.height - axisH - laneGap) / 2;
  ctx.save();
  ctx.beginPath();
  ctx.rect(b.x, b.y, b.width, b.height);
  ctx.clip();
  drawAxis(ctx, v, t0, t1, x, axisH);
  const [first, last] = windowsIn(v.windows, t0, t1, v.longest);
  const now = currentWindow(v.windows, v.time);
  const laneY = (i: number) => b.y + axisH + (i % 2) * (laneH + laneGap);
  ctx.font = `600 ${Math.round(11 * s)}px system-ui, sans-serif`;
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'left';
  for (let i = first; i < last; i++) {
    const w = v.windows[i]!;
    const x0 = x(w.start), x1 = x(w.end), y = laneY(i);
    const current = i === now;
    ctx.beginPath();
    ctx.roundRect(x0 + 0.5, y, Math.max(1, x1 - x0 - 1), laneH, 4 * s);
    ctx.fillStyle = `rgba(${LANE_COLOURS[i % 2]}, ${current ? 0.75 : 0.38})`;
    ctx.fill();
    ctx.strokeStyle = current ? ACCENT : `rgba(${LANE_COLOURS[i % 2]}, 0.9)`;
    ctx.lineWidth = (current ? 2 : 1) * s;
    ctx.stroke();
    // The label goes in the part no neighbour overlaps, clear of the cross-fade marks.
    const prev = v.windows[i - 1], next = v.windows[i + 1];
    const free0 = Math.max(b.x, prev && prev.end > w.start ? x(prev.end) : x0);
    const free1 = next && next.start < w.end ? x(next.start) : x1;
    const label = `chunk ${w.index + 1}`;
    if (free1 - free0 > ctx.measureText(label).width + 12 * s) {
      ctx.fillStyle = TEXT;
      ctx.fillText(label, free0 + 6 * s, y + laneH / 2);
    }
  }
  drawOverlaps(ctx, v.windows.slice(Math.max(0, first - 1), last), x, laneY, laneH, s);
  drawPlayhead(ctx, x(v.time), b, v.time, s);
  ctx.restore();
}

function drawAxis(ctx: OverlayContext, v: ChunkBandView, t0: number, t1: number, x: (t: number) => number, axisH: number): void {
  const { band: b, scale: s } = v;
  ctx.font = `${Math.round(10.5 * s)}px system-ui, sans-serif`;
  ctx.textBaseline = 'top';
  ctx.textAlign = 'center';
  ctx.fillStyle = MUTED;
  ctx.strokeStyle = 'rgba(154, 166, 191, 0.5)';
  ctx.lineWidth = 1;
  ctx.beginPath();
  for (let t = Math.ceil(t0); t <= t1; t++) {
    ctx.moveTo(x(t), b.y + axisH - 4 * s);
    ctx.lineTo(x(t), b.y + axisH);
    if (t % 2 === 0 && t <= v.duration + 1e-6) ctx.fillText(`${t} s`, x(t), b.y);
  }
  ctx.stroke();
  // Beyond the end of the track: shaded, so an empty band tail does not read as missing chunks.
  if (v.duration < t1) {
    ctx.fillStyle = 'rgba(10, 14, 22, 0.45)';
    ctx.fillRect(x(v.duration), b.y + axisH, b.x + b.width - x(v.duration), b.height - axisH);
  }
}

/** Each overlap as a cross-fade: a ramp down for the chunk ending, a ramp up for the one starting. */
function drawOverlaps(
  ctx: OverlayContext,
  windows: readonly ChunkWindow[],
  x: (t: number) => number,
  laneY: (i: number) => number,
  laneH: number,
  s: number,
): void {
  for (const o of chunkOverlaps(windows)) {
    const a = windows[o.from]!;
    const x0 = x(o.start), x1 = x(o.end);
    const ya = laneY(a.index), yb = laneY(a.index + 1);
    ctx.beginPath();
    ctx.moveTo(x0, ya + 2 * s);
    ctx.lineTo(x1, ya + laneH - 2 * s);
    ctx.moveTo(x0, yb + laneH - 2 * s);
    ctx.lineTo(x1, yb + 2 * s);
    ctx.strokeStyle = 'rgba(255, 255, 255, 0.95)';
    ctx.lineWidth = 1.6 * s;
    ctx.stroke();
    ctx.beginPath();
    ctx.rect(x0, Math.min(ya, yb), x1 - x0, laneH * 2 + Math.abs(yb - ya) - laneH);
    ctx.setLineDash([3 * s, 3 * s]);
    ctx.strokeStyle = 'rgba(255, 255, 255, 0.55)';
    ctx.lineWidth = 1;
    ctx.stroke();
    ctx.setLineDash([]);
  }
}

function drawPlayhead(ctx: OverlayContext, px: number, b: Rect, t: number, s: number): void {
  ctx.beginPath();
  ctx.moveTo(px, b.y + 2 * s);
  ctx.lineTo(px, b.y + b.height);
  ctx.strokeStyle = ACCENT;
  ctx.lineWidth = 2 * s;
  ctx.stroke();
  const label = formatClock(t);
  ctx.font = `700 ${Math.round(11 * s)}px system-ui, sans-serif`;
  const w = ctx.measureText(label).width + 10 * s;
  const h = 15 * s;
  const lx = Math.min(b.x + b.width - w, Math.max(b.x, px - w / 2));
  ctx.beginPath();
  ctx.roundRect(lx, b.y, w, h, 4 * s);
  ctx.fillStyle = ACCENT;
  ctx.fill();
  ctx.fillStyle = '#12161f';
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.fillText(label, lx + w / 2, b.y + h / 2 + 0.5);
}

/**
 * The curves panel: one sparkline per main parameter over a few seconds
 * around the playhead, the past solid and what is coming faint, with the
 * current value written beside it.
 */
import type { MotionTrack } from '../../contracts/motion.ts';
import type { OverlayContext } from './overlay-context.ts';
import type { Rect } from './preview-mapping.ts';
import { CURVES, curveWindow, formatCurveValue, plotHeight, sampleCurve, type CurveSpec, type FrameWindow } from './curve-window.ts';

const TEXT = '#e8ecf4';
const ACCENT = '#f4b860';

export interface CurvesView {
  track: MotionTrack;
  frameIndex: number;
  rows: Rect;
  rowHeight: number;
  scale: number;
}

export function drawCurves(ctx: OverlayContext, v: CurvesView): void {
  const { rows, rowHeight: rh, scale: s } = v;
  const frameIndex = Math.min(v.track.frameCount - 1, Math.max(0, v.frameIndex));
  const w = curveWindow(frameIndex, v.track.frameCount, v.track.fps);
  const labelW = Math.round(84 * s);
  const valueW = Math.round(50 * s);
  const plot = { x: rows.x + labelW, width: rows.width - labelW - valueW - 6 * s };
  const px = (f: number) => plot.x + ((f - w.from) / (w.to - w.from)) * plot.width;
  ctx.save();
  CURVES.forEach((spec, i) => {
    const top = rows.y + i * rh;
    const values = sampleCurve(v.track, spec, w);
    const y = (value: number) => top + rh - 5 * s - plotHeight(spec, value) * (rh - 10 * s);
    ctx.font = `${Math.round(12.5 * s)}px system-ui, sans-serif`;
    ctx.textBaseline = 'middle';
    ctx.textAlign = 'left';
    ctx.fillStyle = TEXT;
    ctx.fillText(spec.label, rows.x, top + rh / 2);
    drawGuide(ctx, spec, plot, y, s);
    drawLine(ctx, values, w, frameIndex, px, y, spec.colour, s);
    const now = values[frameIndex - w.first] ?? 0;
    ctx.beginPath();
    ctx.arc(px(frameIndex), y(now), 3 * s, 0, Math.PI * 2);
    ctx.fillStyle = spec.colour;
    ctx.fill();
    ctx.strokeStyle = '#12161f';
    ctx.lineWidth = 1.2 * s;
    ctx.stroke();
    ctx.font = `700 ${Math.round(12.5 * s)}px system-ui, sans-serif`;
    ctx.textAlign = 'right';
    ctx.fillStyle = spec.colour;
    ctx.fillText(formatCurveValue(spec, now), rows.x + rows.width, top + rh / 2);
  });
  ctx.beginPath();
  ctx.moveTo(px(frameIndex), rows.y);
  ctx.lineTo(px(frameIndex), rows.y + rows.height);
  ctx.strokeStyle = ACCENT;
  ctx.globalAlpha = 0.7;
  ctx.lineWidth = 1.2 * s;
  ctx.stroke();
  ctx.restore();
}

/** The zero line for angles, the floor for shares: what "not moving" looks like. */
function drawGuide(ctx: OverlayContext, spec: CurveSpec, plot: { x: number; width: number }, y: (v: number) => number, s: number): void {
  const rest = spec.min < 0 ? 0 : spec.min;
  ctx.beginPath();
  ctx.moveTo(plot.x, y(rest));
  ctx.lineTo(plot.x + plot.width, y(rest));
  ctx.strokeStyle = 'rgba(154, 166, 191, 0.35)';
  ctx.lineWidth = 1 * s;
  ctx.stroke();
}

function drawLine(
  ctx: OverlayContext,
  values: Float32Array,
  w: FrameWindow,
  frameIndex: number,
  px: (f: number) => number,
  y: (v: number) => number,
  colour: string,
  s: number,
): void {
  ctx.lineJoin = 'round';
  ctx.lineCap = 'round';
  ctx.strokeStyle = colour;
  ctx.lineWidth = 1.8 * s;
  // Past up to now solid; now onwards faint: the track is known ahead, but it has not played yet.
  for (const [from, to, alpha] of [[w.first, frameIndex, 1], [frameIndex, w.last, 0.35]] as const) {
    if (to <= from) continue;
    ctx.beginPath();
    for (let f = from; f <= to; f++) {
      const vx = px(f), vy = y(values[f - w.first]!);
      if (f === from) ctx.moveTo(vx, vy);
      else ctx.lineTo(vx, vy);
    }
    ctx.globalAlpha = alpha;
    ctx.stroke();
  }
  ctx.globalAlpha = 1;
}

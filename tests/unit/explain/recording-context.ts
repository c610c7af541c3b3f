/** A stand-in for a 2D canvas context in Node: it records each call, so tests can check what was drawn and where. */
import type { OverlayContext } from '../../../src/studio/explain/overlay-context.ts';

export interface Call {
  name: string;
  args: unknown[];
  /** fillStyle / strokeStyle at the time of a fill or stroke. */
  style?: string;
}

export function recordingContext(): { ctx: OverlayContext; calls: Call[] } {
  const calls: Call[] = [];
  const state = {
    fillStyle: '#000' as string | CanvasGradient | CanvasPattern,
    strokeStyle: '#000' as string | CanvasGradient | CanvasPattern,
    lineWidth: 1,
    lineJoin: 'miter' as CanvasLineJoin,
    lineCap: 'butt' as CanvasLineCap,
    globalAlpha: 1,
    globalCompositeOperation: 'source-over' as GlobalCompositeOperation,
    font: '10px sans-serif',
    textAlign: 'start' as CanvasTextAlign,
    textBaseline: 'alphabetic' as CanvasTextBaseline,
  };
  const log = (name: string) => (...args: unknown[]) => void calls.push({ name, args });
  const ctx: OverlayContext = {
    ...state,
    save: log('save'),
    restore: log('restore'),
    beginPath: log('beginPath'),
    closePath: log('closePath'),
    moveTo: log('moveTo'),
    lineTo: log('lineTo'),
    arc: log('arc'),
    rect: log('rect'),
    roundRect: log('roundRect'),
    clip: log('clip') as OverlayContext['clip'],
    setLineDash: log('setLineDash'),
    fillRect: log('fillRect'),
    clearRect: log('clearRect'),
    drawImage: log('drawImage') as OverlayContext['drawImage'],
    fillText: (...args: unknown[]) => void calls.push({ name: 'fillText', args, style: String(ctx.fillStyle) }),
    fill: (() => void calls.push({ name: 'fill', args: [], style: String(ctx.fillStyle) })) as OverlayContext['fill'],
    stroke: (() => void calls.push({ name: 'stroke', args: [], style: String(ctx.strokeStyle) })) as OverlayContext['stroke'],
    // Roughly a 12 px sans-serif: enough for the "does the label fit" decisions.
    measureText: (text: string) => ({ width: text.length * 6.5 }) as TextMetrics,
  };
  return { ctx, calls };
}

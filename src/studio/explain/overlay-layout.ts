/**
 * Where each part of the overlay goes in the preview box, in CSS px. The
 * HTML captions and the canvas drawing both read these numbers, so a drawn
 * panel and its caption card line up without measuring the DOM.
 *
 * Everything scales with the box: designed at 1280×720 (scale 1), it is the
 * same picture at 1920×1080 (scale 1.5), so text stays readable from the
 * back of a classroom on a projector.
 */
import type { Rect } from './preview-mapping.ts';
import { CURVES } from './curve-window.ts';

export interface ExplainLayout {
  scale: number;
  margin: number;
  pad: number;
  /** Left column of caption cards (mesh, weights): its top-left, width and the height it may use. */
  left: Rect;
  curves: {
    /** The card: top-right corner; height grows with its caption. */
    card: { x: number; y: number; width: number };
    titleHeight: number;
    /** Where the canvas draws the sparkline rows. */
    rows: Rect;
    rowHeight: number;
  };
  chunks: {
    /** The card sits on the bottom edge: its left, width and distance from the bottom. */
    card: { x: number; bottom: number; width: number };
    /** Where the canvas draws the chunk band (the card's last part). */
    band: Rect;
  };
}

const DESIGN_WIDTH = 1280;
const DESIGN_HEIGHT = 720;

export function layoutScale(width: number, height: number): number {
  return Math.min(1.75, Math.max(0.6, Math.min(width / DESIGN_WIDTH, height / DESIGN_HEIGHT)));
}

export function explainLayout(width: number, height: number): ExplainLayout {
  const s = layoutScale(width, height);
  const margin = Math.round(14 * s);
  const pad = Math.round(12 * s);
  const rowHeight = Math.round(27 * s);
  const titleHeight = Math.round(26 * s);
  const curvesWidth = Math.round(310 * s);
  const bandHeight = Math.round(58 * s);
  const cx = width - margin - curvesWidth;
  const bandWidth = width - 2 * margin - 2 * pad;
  return {
    scale: s,
    margin,
    pad,
    left: { x: margin, y: margin, width: Math.round(330 * s), height: Math.max(0, height - 2 * margin - bandHeight - 2 * pad - Math.round(70 * s)) },
    curves: {
      card: { x: cx, y: margin, width: curvesWidth },
      titleHeight,
      rows: { x: cx + pad, y: margin + pad + titleHeight, width: curvesWidth - 2 * pad, height: rowHeight * CURVES.length },
      rowHeight,
    },
    chunks: {
      card: { x: margin, bottom: margin, width: width - 2 * margin },
      band: { x: margin + pad, y: height - margin - pad - bandHeight, width: bandWidth, height: bandHeight },
    },
  };
}

/**
 * Draws the rig views over the preview: the face mesh with its landmarks and
 * feature contours, and the weight regions. Both take positions already
 * mapped to preview px (vertices×2), so they follow the animated face.
 */
import type { OverlayContext } from './overlay-context.ts';
import type { Contour } from './face-geometry.ts';
import { STILL_EDGE_COLOUR, type WeightBucket } from './weight-colours.ts';

export const CONTOUR_COLOURS: Record<Contour['feature'], string> = {
  eye: '#7fdcff',
  lips: '#ff8fb1',
  oval: 'rgba(255, 255, 255, 0.85)',
};
const IRIS_COLOUR = '#6fd49a';

export interface MeshView {
  /** Head-layer positions, preview px (vertices×2). */
  xy: Float32Array;
  /** edges×2 vertex indices. */
  edges: Uint32Array;
  /** How many landmarks to dot (the face vertices). */
  landmarkCount: number;
  contours: readonly Contour[];
  /** Iris circles, preview px: centre and radius. */
  irises: { x: number; y: number; r: number }[];
  scale: number;
}

export function drawMesh(ctx: OverlayContext, v: MeshView): void {
  const { xy, edges, scale: s } = v;
  ctx.save();
  ctx.lineJoin = 'round';
  ctx.lineCap = 'round';
  const edgePath = () => {
    ctx.beginPath();
    for (let e = 0; e + 1 < edges.length; e += 2) {
      const a = edges[e]!, b = edges[e + 1]!;
      ctx.moveTo(xy[a * 2]!, xy[a * 2 + 1]!);
      ctx.lineTo(xy[b * 2]!, xy[b * 2 + 1]!);
    }
  };
  // A dark halo under the light lines keeps the mesh readable on pale skin and on dark hair alike.
  edgePath();
  ctx.strokeStyle = 'rgba(10, 14, 22, 0.45)';
  ctx.lineWidth = 2 * s;
  ctx.stroke();
  ctx.strokeStyle = 'rgba(200, 240, 255, 0.6)';
  ctx.lineWidth = 0.8 * s;
  ctx.stroke();

  for (const c of v.contours) {
    ctx.beginPath();
    c.points.forEach((p, k) => (k === 0 ? ctx.moveTo(xy[p * 2]!, xy[p * 2 + 1]!) : ctx.lineTo(xy[p * 2]!, xy[p * 2 + 1]!)));
    if (c.closed) ctx.closePath();
    ctx.strokeStyle = 'rgba(10, 14, 22, 0.6)';
    ctx.lineWidth = 4 * s;
    ctx.stroke();
    ctx.strokeStyle = CONTOUR_COLOURS[c.feature];
    ctx.lineWidth = 2 * s;
    ctx.stroke();
  }

  const r = 1.5 * s;
  ctx.beginPath();
  for (let i = 0; i < v.landmarkCount; i++) {
    const x = xy[i * 2]!, y = xy[i * 2 + 1]!;
    ctx.moveTo(x + r, y);
    ctx.arc(x, y, r, 0, Math.PI * 2);
  }
  ctx.fillStyle = '#ffffff';
  ctx.fill();
  ctx.strokeStyle = 'rgba(10, 14, 22, 0.55)';
  ctx.lineWidth = 0.6 * s;
  ctx.stroke();

  for (const iris of v.irises) {
    ctx.beginPath();
    ctx.arc(iris.x, iris.y, iris.r, 0, Math.PI * 2);
    ctx.strokeStyle = IRIS_COLOUR;
    ctx.lineWidth = 1.8 * s;
    ctx.stroke();
  }
  ctx.restore();
}

export interface WeightsView {
  buckets: readonly WeightBucket[];
  /** Per rig layer: its positions in preview px (vertices×2), or undefined for layers the view does not use. */
  xy: (Float32Array | undefined)[];
  /** The head layer's still outer ring (vertex indices) and the head layer's index. */
  stillEdge: readonly number[];
  headLayer: number;
  scale: number;
}

export function drawWeights(ctx: OverlayContext, v: WeightsView): void {
  ctx.save();
  for (const b of v.buckets) {
    const xy = v.xy[b.layerIndex];
    if (!xy) continue;
    const t = b.triangles;
    ctx.beginPath();
    for (let i = 0; i + 2 < t.length; i += 3) {
      const a = t[i]!, c = t[i + 1]!, d = t[i + 2]!;
      ctx.moveTo(xy[a * 2]!, xy[a * 2 + 1]!);
      ctx.lineTo(xy[c * 2]!, xy[c * 2 + 1]!);
      ctx.lineTo(xy[d * 2]!, xy[d * 2 + 1]!);
      ctx.closePath();
    }
    ctx.fillStyle = b.colour;
    ctx.fill();
  }
  const head = v.xy[v.headLayer];
  if (head && v.stillEdge.length > 2) {
    ctx.beginPath();
    v.stillEdge.forEach((p, k) => (k === 0 ? ctx.moveTo(head[p * 2]!, head[p * 2 + 1]!) : ctx.lineTo(head[p * 2]!, head[p * 2 + 1]!)));
    ctx.closePath();
    ctx.setLineDash([7 * v.scale, 5 * v.scale]);
    ctx.strokeStyle = 'rgba(10, 14, 22, 0.6)';
    ctx.lineWidth = 3.5 * v.scale;
    ctx.stroke();
    ctx.strokeStyle = STILL_EDGE_COLOUR;
    ctx.lineWidth = 1.6 * v.scale;
    ctx.stroke();
  }
  ctx.restore();
}

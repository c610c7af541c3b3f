/**
 * Draws the rig views over the preview: the face mesh with its landmarks and
 * feature contours, and the weight regions. Both take positions already
 * mapped to preview px (vertices×2), so they follow the animated face.
 */
import type { OverlayContext } from './overlay-context.ts';
import type { PreviewMapping } from './preview-mapping.ts';
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

/**
 * Cuts each layer's fills to the person, with the layer's own coverage mask
 * (the matte): triangles are coarse at the hair and shoulders, and without
 * this the colours spill into the background in a zigzag. Needs a second
 * canvas of the same size and transform to composite on.
 */
export interface WeightMasks {
  /** Per rig layer: its mask as an image covering the photo, or undefined. */
  images: (CanvasImageSource | undefined)[];
  scratch: { ctx: OverlayContext; image: CanvasImageSource };
  photo: { width: number; height: number };
  mapping: PreviewMapping;
  /** CSS px of the preview box. */
  width: number;
  height: number;
}

export interface WeightsView {
  buckets: readonly WeightBucket[];
  /** Per rig layer: its positions in preview px (vertices×2), or undefined for layers the view does not use. */
  xy: (Float32Array | undefined)[];
  /** The head layer's still outer ring (vertex indices) and the head layer's index. */
  stillEdge: readonly number[];
  headLayer: number;
  scale: number;
  masks?: WeightMasks;
}

function fillBucket(ctx: OverlayContext, b: WeightBucket, xy: Float32Array): void {
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

export function drawWeights(ctx: OverlayContext, v: WeightsView): void {
  ctx.save();
  const layers = [...new Set(v.buckets.map((b) => b.layerIndex))];
  for (const layer of layers) {
    const xy = v.xy[layer];
    if (!xy) continue;
    const m = v.masks;
    const mask = m?.images[layer];
    const target = m && mask ? m.scratch.ctx : ctx;
    if (m && mask) {
      target.save();
      target.clearRect(0, 0, m.width, m.height);
    }
    for (const b of v.buckets) if (b.layerIndex === layer) fillBucket(target, b, xy);
    if (m && mask) {
      // The mask is in the layer's texture space, which for photo-textured layers is the photo at rest.
      target.globalCompositeOperation = 'destination-in';
      target.drawImage(mask, m.mapping.ox, m.mapping.oy, m.photo.width * m.mapping.sx, m.photo.height * m.mapping.sy);
      target.restore();
      ctx.drawImage(m.scratch.image, 0, 0, m.width, m.height);
    }
  }
  const head = v.xy[v.headLayer];
  if (head && v.stillEdge.length > 2) {
    ctx.beginPath();
    v.stillEdge.forEach((p, k) => (k === 0 ? ctx.moveTo(head[p * 2]!, head[p * 2 + 1]!) : ctx.lineTo(head[p * 2]!, head[p * 2 + 1]!)));
    ctx.closePath();
    ctx.setLineDash([7 * v.scale, 5 * v.scale]);
    ctx.strokeStyle = 'rgba(10, 14, 22, 0.4)';
    ctx.lineWidth = 3 * v.scale;
    ctx.stroke();
    ctx.strokeStyle = STILL_EDGE_COLOUR;
    ctx.lineWidth = 1.3 * v.scale;
    ctx.stroke();
  }
  ctx.restore();
}

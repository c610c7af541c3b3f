/**
 * One overlay frame: the rig deformed by the track's current frame, mapped
 * into the preview, and each enabled view drawn. What depends only on the
 * rig or the track (triangle lists, weight buckets, chunk windows) is
 * prepared once and passed in, so a frame only deforms (~2 ms) and draws.
 */
import type { PhotoAnalysis } from '../../contracts/analysis.ts';
import { neutralFrame, type MotionTrack } from '../../contracts/motion.ts';
import type { Rig } from '../../contracts/rig.ts';
import type { LayerPose } from '../../render/frame-renderer.ts';
import { deformRig } from '../../render/mesh-deform.ts';
import { chunkWindows, longestWindow, type ChunkWindow } from './chunk-windows.ts';
import { drawChunkBand } from './draw-chunks.ts';
import { drawCurves } from './draw-curves.ts';
import { drawMesh, drawWeights, type WeightMasks } from './draw-rig.ts';
import { contoursFor, faceTriangles, headLayerIndex, uniqueEdges, type Contour } from './face-geometry.ts';
import type { OverlayContext } from './overlay-context.ts';
import { explainLayout } from './overlay-layout.ts';
import { mapPositions, previewMapping, type PreviewMapping, type Rect } from './preview-mapping.ts';
import { stillEdge, weightBuckets, weightLegend, type LegendEntry, type WeightBucket } from './weight-colours.ts';

export interface ExplainLayers {
  mesh: boolean;
  weights: boolean;
  chunks: boolean;
  curves: boolean;
}

export interface PreparedRig {
  headLayer: number;
  faceVertexCount: number;
  edges: Uint32Array;
  triangleCount: number;
  contours: Contour[];
  buckets: WeightBucket[];
  stillEdge: number[];
  legend: LegendEntry[];
}

export function prepareRig(rig: Rig): PreparedRig {
  const headLayer = headLayerIndex(rig);
  const head = rig.layers[headLayer];
  const triangles = head ? faceTriangles(head) : new Uint32Array(0);
  const buckets = weightBuckets(rig);
  const edge = head ? stillEdge(head) : [];
  return {
    headLayer,
    faceVertexCount: head?.faceVertexCount ?? 0,
    edges: uniqueEdges(triangles),
    triangleCount: triangles.length / 3,
    contours: head ? contoursFor(head) : [],
    buckets,
    stillEdge: edge,
    legend: weightLegend(buckets, edge.length > 2),
  };
}

export interface PreparedTrack {
  windows: ChunkWindow[];
  longest: number;
  duration: number;
}

export function prepareTrack(track: MotionTrack): PreparedTrack {
  const windows = chunkWindows(track);
  const lastFrame = track.frames[track.frameCount - 1];
  return { windows, longest: longestWindow(windows), duration: Math.max(track.frameCount / track.fps, lastFrame?.time ?? 0) };
}

export interface ExplainScene {
  rig: Rig;
  prepared: PreparedRig;
  analysis: PhotoAnalysis | null;
  track: MotionTrack | null;
  preparedTrack: PreparedTrack | null;
  frameIndex: number;
  crop: Rect;
  width: number;
  height: number;
  layers: ExplainLayers;
  /** Layer masks and a scratch canvas to cut the weight fills to the person (browser only; without them fills are drawn uncut). */
  masks?: Pick<WeightMasks, 'images' | 'scratch'>;
  /** Preview rects the face views must not draw over (caption cards under the canvas). */
  keepOut?: Rect[];
}

/** Iris outlines from the analysis's 478 landmarks, carried along by the rig's iris layers. */
function irisCircles(scene: ExplainScene, poses: LayerPose[], m: PreviewMapping): { x: number; y: number; r: number }[] {
  const face = scene.analysis?.faces[0];
  if (!face || face.landmarkCount < 478) return [];
  const out: { x: number; y: number; r: number }[] = [];
  for (const [side, first] of [['right', 468], ['left', 473]] as const) {
    const i = scene.rig.layers.findIndex((l) => l.name === 'iris' && l.side === side);
    const rest = scene.rig.layers[i]?.mesh.positions;
    const now = poses[i]?.positions;
    let dx = 0, dy = 0;
    if (rest && now) {
      for (let v = 0; v < rest.length; v += 3) {
        dx += now[v]! - rest[v]!;
        dy += now[v + 1]! - rest[v + 1]!;
      }
      dx /= rest.length / 3;
      dy /= rest.length / 3;
    }
    const L = face.landmarks;
    const cx = L[first * 3]!, cy = L[first * 3 + 1]!;
    let r = 0;
    for (let k = 1; k <= 4; k++) r += Math.hypot(L[(first + k) * 3]! - cx, L[(first + k) * 3 + 1]! - cy) / 4;
    out.push({ x: (cx + dx) * m.sx + m.ox, y: (cy + dy) * m.sy + m.oy, r: r * Math.min(m.sx, m.sy) });
  }
  return out;
}

/**
 * Draws every enabled view. The caller sets the context's transform (device
 * pixel ratio) and clears it; everything here is in CSS px of the preview.
 */
export function drawExplain(ctx: OverlayContext, scene: ExplainScene): void {
  const { rig, prepared, track, layers } = scene;
  const layout = explainLayout(scene.width, scene.height);
  const s = layout.scale;
  const frameIndex = track ? Math.min(track.frameCount - 1, Math.max(0, Math.round(scene.frameIndex))) : 0;
  if (layers.weights || layers.mesh) {
    const frame = track?.frames[frameIndex] ?? neutralFrame();
    const poses = deformRig(rig, frame);
    const m = previewMapping(scene.crop, scene.width, scene.height);
    const xy = rig.layers.map((layer, i) =>
      i === prepared.headLayer || (layers.weights && layer.name === 'body') ? mapPositions(m, poses[i]?.positions ?? layer.mesh.positions) : undefined,
    );
    ctx.save();
    if (scene.keepOut?.length) {
      ctx.beginPath();
      ctx.rect(0, 0, scene.width, scene.height);
      for (const r of scene.keepOut) ctx.rect(r.x, r.y, r.width, r.height);
      ctx.clip('evenodd');
    }
    if (layers.weights) {
      const masks = scene.masks && { ...scene.masks, photo: rig.photo, mapping: m, width: scene.width, height: scene.height };
      drawWeights(ctx, { buckets: prepared.buckets, xy, stillEdge: prepared.stillEdge, headLayer: prepared.headLayer, scale: s, masks });
    }
    const headXy = xy[prepared.headLayer];
    if (layers.mesh && headXy) {
      drawMesh(ctx, {
        xy: headXy,
        edges: prepared.edges,
        landmarkCount: prepared.faceVertexCount,
        contours: prepared.contours,
        irises: irisCircles(scene, poses, m),
        scale: s,
      });
    }
    ctx.restore();
  }
  if (layers.chunks && track && scene.preparedTrack) {
    const pt = scene.preparedTrack;
    drawChunkBand(ctx, { windows: pt.windows, longest: pt.longest, time: track.frames[frameIndex]?.time ?? frameIndex / track.fps, duration: pt.duration, band: layout.chunks.band, scale: s });
  }
  if (layers.curves && track && track.frameCount > 0) {
    drawCurves(ctx, { track, frameIndex, rows: layout.curves.rows, rowHeight: layout.curves.rowHeight, scale: s });
  }
}

/**
 * The weights view: which motion moves which part of the picture. Each
 * triangle of the head and body layers gets a region (the weight field that
 * dominates it) and a strength (that weight), from the rig's own per-vertex
 * skin weights. Weights never change after the rig is built, so triangles are
 * grouped once per rig into a few colour buckets, and a frame costs one
 * fill() per bucket however many triangles there are.
 */
import type { Rig, RigLayer, RgbaImage, TextureRef } from '../../contracts/rig.ts';

export type WeightRegion = 'head' | 'jaw' | 'neck' | 'torso';

/**
 * Okabe–Ito colours: told apart with the common colour-vision deficiencies,
 * and bright enough to read over a dark or a light photo at partial alpha.
 */
export const REGION_COLOURS: Record<WeightRegion, readonly [number, number, number]> = {
  head: [86, 180, 233],
  jaw: [230, 159, 0],
  neck: [204, 121, 167],
  torso: [240, 228, 66],
};

/** Alpha at full weight; low enough that the face stays recognisable under the fill. */
const MAX_ALPHA = 0.42;
const MIN_ALPHA = 0.08;
/** Strength levels per region: enough that a fade does not band into steps, few enough to batch. */
export const LEVELS = 8;

/** Below this share of a triangle covered by its layer's mask, it draws nothing in the preview, so it is not coloured either. */
const MIN_COVERAGE = 0.5;

export function weightColour(region: WeightRegion, strength: number): string {
  const s = Math.min(1, Math.max(0, strength));
  const [r, g, b] = REGION_COLOURS[region];
  const a = MIN_ALPHA + (MAX_ALPHA - MIN_ALPHA) * s;
  return `rgba(${r}, ${g}, ${b}, ${a.toFixed(3)})`;
}

/**
 * The fills of a triangle from its mean weights, drawn in this order. A full
 * head weight is the rigid head; a partial one is the neck and hair blend
 * that fades towards the still outer edge. Where the jaw has a say, the head
 * colour fades out as the jaw colour fades in: each colour stays true to the
 * legend (blue under orange would read as a third colour), and the jaw's
 * edge fades instead of following the triangles' zigzag.
 */
export function triangleRegions(layer: 'head' | 'body', head: number, jaw: number, torso: number): { region: WeightRegion; strength: number }[] {
  if (layer === 'body') return torso > 0.02 ? [{ region: 'torso', strength: torso }] : [];
  const out: { region: WeightRegion; strength: number }[] = [];
  const j = jaw > 0.05 ? Math.min(1, jaw) : 0;
  if (j < 0.95) {
    if (head >= 0.98) out.push({ region: 'head', strength: 1 - j });
    else if (head > 0.02) out.push({ region: 'neck', strength: head * (1 - j) });
  }
  if (j > 0) out.push({ region: 'jaw', strength: j });
  return out;
}

export function strengthLevel(strength: number): number {
  return Math.min(LEVELS - 1, Math.max(0, Math.round(Math.min(1, strength) * (LEVELS - 1))));
}

export interface WeightBucket {
  layerIndex: number;
  region: WeightRegion;
  colour: string;
  /** triangles×3 vertex indices into the layer. */
  triangles: Uint32Array;
}

/** Coverage 0..1 of a layer's mask at a texture coordinate; 1 for a layer with no mask. */
function coverage(images: Record<string, RgbaImage>, mask: TextureRef | undefined, u: number, v: number): number {
  if (!mask || mask.kind !== 'image') return 1;
  const img = images[mask.key];
  if (!img) return 1;
  const x = Math.min(img.width - 1, Math.max(0, Math.floor(u * img.width)));
  const y = Math.min(img.height - 1, Math.max(0, Math.floor(v * img.height)));
  return img.data[(y * img.width + x) * 4 + 3]! / 255;
}

function bucketLayer(rig: Rig, layer: RigLayer, layerIndex: number, into: Map<string, WeightBucket & { list: number[] }>): void {
  const skin = layer.skin;
  if (!skin || (layer.name !== 'head' && layer.name !== 'body')) return;
  const { indices, uvs } = layer.mesh;
  for (let i = 0; i + 2 < indices.length; i += 3) {
    const a = indices[i]!, b = indices[i + 1]!, c = indices[i + 2]!;
    const mean = (f: Float32Array) => (f[a]! + f[b]! + f[c]!) / 3;
    const regions = triangleRegions(layer.name, mean(skin.head), mean(skin.jaw), mean(skin.torso));
    if (regions.length === 0) continue;
    const u = (uvs[a * 2]! + uvs[b * 2]! + uvs[c * 2]!) / 3;
    const v = (uvs[a * 2 + 1]! + uvs[b * 2 + 1]! + uvs[c * 2 + 1]!) / 3;
    if (coverage(rig.images, layer.mask, u, v) < MIN_COVERAGE) continue;
    for (const r of regions) {
      const level = strengthLevel(r.strength);
      const key = `${layerIndex}:${r.region}:${level}`;
      let bucket = into.get(key);
      if (!bucket) {
        bucket = { layerIndex, region: r.region, colour: weightColour(r.region, level / (LEVELS - 1)), triangles: new Uint32Array(0), list: [] };
        into.set(key, bucket);
      }
      bucket.list.push(a, b, c);
    }
  }
}

const DRAW_ORDER: Record<WeightRegion, number> = { torso: 0, neck: 1, head: 2, jaw: 3 };

/**
 * Every coloured triangle of the rig, grouped by layer and colour: body
 * first, as the renderer draws the body under the head, and the jaw last,
 * over the head it is laid on.
 */
export function weightBuckets(rig: Rig): WeightBucket[] {
  const map = new Map<string, WeightBucket & { list: number[] }>();
  rig.layers.forEach((layer, i) => bucketLayer(rig, layer, i, map));
  return [...map.values()]
    .sort((p, q) => p.layerIndex - q.layerIndex || DRAW_ORDER[p.region] - DRAW_ORDER[q.region])
    .map(({ list, ...b }) => ({ ...b, triangles: Uint32Array.from(list) }));
}

export interface LegendEntry {
  region: WeightRegion | 'still';
  label: string;
  /** CSS colour of the swatch: opaque, since a swatch on a dark card has no photo to show through. */
  colour: string;
}

const LEGEND_TEXT: Record<WeightRegion | 'still', string> = {
  head: 'Head: turns and nods as one piece',
  jaw: 'Jaw: swings open to speak',
  neck: 'Neck and hair: follow the head part of the way',
  torso: 'Shoulders: rise when breathing',
  still: 'Still edge: pinned, the background never moves',
};

/** Legend rows for the regions this rig actually has, in the order a class meets them. */
export function weightLegend(buckets: readonly WeightBucket[], hasStillEdge: boolean): LegendEntry[] {
  const present = new Set(buckets.map((b) => b.region));
  const rows: LegendEntry[] = (['head', 'jaw', 'neck', 'torso'] as const)
    .filter((r) => present.has(r))
    .map((r) => ({ region: r, label: LEGEND_TEXT[r], colour: `rgb(${REGION_COLOURS[r].join(', ')})` }));
  if (hasStillEdge) rows.push({ region: 'still', label: LEGEND_TEXT.still, colour: STILL_EDGE_COLOUR });
  return rows;
}

export const STILL_EDGE_COLOUR = 'rgba(232, 236, 244, 0.9)';

/**
 * The head layer's outermost ring, as vertex indices in order: it never
 * moves, and drawing it shows where animation stops and the still photo
 * takes over.
 */
export function stillEdge(layer: RigLayer): number[] {
  const rings = layer.rings;
  const first = layer.faceVertexCount;
  if (!rings || first === undefined || rings.count < 1) return [];
  const size = rings.inner.length;
  const start = first + (rings.count - 1) * size;
  return Array.from({ length: size }, (_, k) => start + k);
}

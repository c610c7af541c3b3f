import { describe, expect, it } from 'vitest';
import { headLayerIndex } from '../../../src/studio/explain/face-geometry.ts';
import {
  LEVELS,
  stillEdge,
  strengthLevel,
  triangleRegions,
  weightBuckets,
  weightColour,
  weightLegend,
} from '../../../src/studio/explain/weight-colours.ts';
import { canonicalAnalysis, canonicalRig } from './canonical-rig.ts';

const alphaOf = (css: string) => Number(/rgba\([^)]*,\s*([\d.]+)\)$/.exec(css)![1]);

describe('colour for a weight', () => {
  it('grows more opaque with the weight, and clamps outside 0..1', () => {
    expect(alphaOf(weightColour('neck', 0.2))).toBeLessThan(alphaOf(weightColour('neck', 0.8)));
    expect(weightColour('jaw', 3)).toBe(weightColour('jaw', 1));
    expect(weightColour('jaw', -1)).toBe(weightColour('jaw', 0));
    expect(alphaOf(weightColour('head', 1))).toBeLessThanOrEqual(0.5); // the face stays recognisable under it
    expect(weightColour('head', 1)).not.toBe(weightColour('torso', 1));
  });

  it('fills a triangle by the weights that move it, the head fading out where the jaw fades in', () => {
    expect(triangleRegions('head', 1, 0, 0)).toEqual([{ region: 'head', strength: 1 }]);
    const chin = triangleRegions('head', 1, 0.75, 0);
    expect(chin.map((r) => r.region)).toEqual(['head', 'jaw']);
    expect(chin[0]!.strength).toBeCloseTo(0.25, 9);
    expect(chin[1]!.strength).toBe(0.75);
    expect(triangleRegions('head', 1, 1, 0)).toEqual([{ region: 'jaw', strength: 1 }]);
    expect(triangleRegions('head', 1, 0.03, 0)).toEqual([{ region: 'head', strength: 1 }]);
    expect(triangleRegions('head', 0.45, 0, 0)).toEqual([{ region: 'neck', strength: 0.45 }]);
    expect(triangleRegions('head', 0, 0, 0)).toEqual([]);
    expect(triangleRegions('body', 0, 0, 0.3)).toEqual([{ region: 'torso', strength: 0.3 }]);
    expect(triangleRegions('body', 1, 1, 0)).toEqual([]);
  });

  it('quantises strengths into levels', () => {
    expect(strengthLevel(0)).toBe(0);
    expect(strengthLevel(1)).toBe(LEVELS - 1);
    expect(strengthLevel(7)).toBe(LEVELS - 1);
    expect(strengthLevel(0.5)).toBe(Math.round((LEVELS - 1) / 2));
  });
});

describe('weight regions of a real rig', () => {
  const rig = canonicalRig();
  const head = headLayerIndex(rig);
  const buckets = weightBuckets(rig);
  const centroidY = (layer: number, t: Uint32Array, i: number) =>
    (rig.layers[layer]!.mesh.positions[t[i]! * 3 + 1]! + rig.layers[layer]!.mesh.positions[t[i + 1]! * 3 + 1]! + rig.layers[layer]!.mesh.positions[t[i + 2]! * 3 + 1]!) / 3;

  it('puts the jaw below the mouth and the head above it', () => {
    const layer = rig.layers[head]!;
    const p = layer.mesh.positions;
    const mouthY = Math.min(p[61 * 3 + 1]!, p[291 * 3 + 1]!); // the mouth corners, the highest points of the lip line
    const jaw = buckets.filter((b) => b.region === 'jaw');
    expect(jaw.length).toBeGreaterThan(0);
    let strong = 0;
    for (const b of jaw)
      for (let i = 0; i < b.triangles.length; i += 3) {
        const w = (layer.skin!.jaw[b.triangles[i]!]! + layer.skin!.jaw[b.triangles[i + 1]!]! + layer.skin!.jaw[b.triangles[i + 2]!]!) / 3;
        if (w < 0.5) continue;
        strong++;
        // Within a pixel: the lower lip's own triangles, which all go with the jaw, reach up to the corners.
        expect(centroidY(b.layerIndex, b.triangles, i)).toBeGreaterThan(mouthY - 1);
      }
    expect(strong).toBeGreaterThan(20);
    const eyesY = rig.face!.centre[1];
    const rigidHead = buckets.filter((b) => b.region === 'head').flatMap((b) => Array.from({ length: b.triangles.length / 3 }, (_, k) => centroidY(b.layerIndex, b.triangles, k * 3)));
    expect(rigidHead.some((y) => y < eyesY)).toBe(true);
  });

  it('colours torso triangles on the body layer only, and only where the matte shows the person', () => {
    const torso = buckets.filter((b) => b.region === 'torso');
    expect(torso.length).toBeGreaterThan(0);
    for (const b of torso) expect(rig.layers[b.layerIndex]!.name).toBe('body');
    // The matte's shoulders are |x − 256| < 200 px: no torso triangle centre outside them.
    for (const b of torso) {
      const p = rig.layers[b.layerIndex]!.mesh.positions;
      for (let i = 0; i < b.triangles.length; i += 3) {
        const cx = (p[b.triangles[i]! * 3]! + p[b.triangles[i + 1]! * 3]! + p[b.triangles[i + 2]! * 3]!) / 3;
        expect(Math.abs(cx - 256)).toBeLessThan(200 + 24);
      }
    }
  });

  it('skips head-layer triangles that the matte hides (the rings reach into the background)', () => {
    const all = rig.layers[head]!.mesh.indices.length / 3;
    const keys = new Set<string>();
    for (const b of buckets.filter((b) => b.layerIndex === head)) for (let i = 0; i < b.triangles.length; i += 3) keys.add(`${b.triangles[i]}-${b.triangles[i + 1]}-${b.triangles[i + 2]}`);
    const coloured = keys.size;
    expect(coloured).toBeLessThan(all);
    expect(coloured).toBeGreaterThan(800);
  });

  it('batches a few thousand triangles into a handful of fills, drawn body first and the jaw over the head', () => {
    expect(buckets.length).toBeLessThanOrEqual(2 * 4 * LEVELS);
    const order = buckets.map((b) => `${rig.layers[b.layerIndex]!.name}:${b.region}`);
    expect(order.indexOf('body:torso')).toBeLessThan(order.indexOf('head:head'));
    expect(order.lastIndexOf('head:head')).toBeLessThan(order.indexOf('head:jaw'));
  });

  it('lists in the legend only the regions this rig has, and the still edge when there is one', () => {
    expect(weightLegend(buckets, true).map((e) => e.region)).toEqual(['head', 'jaw', 'neck', 'torso', 'still']);
    const noBody = canonicalRig({ ...canonicalAnalysis(), matte: null });
    expect(weightLegend(weightBuckets(noBody), false).map((e) => e.region)).toEqual(['head', 'jaw', 'neck']);
  });

  it('finds the still edge: the outer ring, whose head weight is 0', () => {
    const layer = rig.layers[head]!;
    const edge = stillEdge(layer);
    expect(edge.length).toBe(layer.rings!.inner.length);
    for (const v of edge) expect(layer.skin!.head[v]).toBe(0);
    expect(Math.max(...edge)).toBe(layer.mesh.positions.length / 3 - 1);
  });
});

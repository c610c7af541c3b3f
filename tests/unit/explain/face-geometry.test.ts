import { describe, expect, it } from 'vitest';
import type { RigLayer } from '../../../src/contracts/rig.ts';
import { faceTriangles as headMeshFaceTriangles } from '../../../src/rig/head-mesh.ts';
import { contoursFor, faceTriangles, FEATURE_CONTOURS, headLayerIndex, uniqueEdges } from '../../../src/studio/explain/face-geometry.ts';
import { canonicalRig } from './canonical-rig.ts';

describe('face triangles and edges', () => {
  const rig = canonicalRig();
  const head = rig.layers[headLayerIndex(rig)]!;

  it('takes the canonical face triangles from the head layer and leaves the hair and neck rings out', () => {
    const tris = faceTriangles(head);
    expect(head.mesh.indices.length / 3).toBeGreaterThan(tris.length / 3);
    expect(Math.max(...tris)).toBeLessThan(468);
    // The same set the rig builder put there: the canonical mesh minus the mouth and eye openings.
    expect(Array.from(tris)).toEqual(headMeshFaceTriangles());
  });

  it('lists each shared edge once', () => {
    expect(Array.from(uniqueEdges([0, 1, 2, 2, 1, 3]))).toEqual([0, 1, 1, 2, 0, 2, 1, 3, 2, 3]);
    const tris = faceTriangles(head);
    const edges = uniqueEdges(tris);
    const keys = new Set<string>();
    for (let e = 0; e < edges.length; e += 2) {
      expect(edges[e]!).toBeLessThan(edges[e + 1]!);
      keys.add(`${edges[e]}-${edges[e + 1]}`);
    }
    expect(keys.size).toBe(edges.length / 2);
    for (let i = 0; i < tris.length; i += 3) {
      const [a, b] = [tris[i]!, tris[i + 1]!].sort((p, q) => p - q);
      expect(keys.has(`${a}-${b}`)).toBe(true);
    }
    // A closed-ish surface: most edges are shared by two triangles, so far fewer edges than 3 per triangle.
    expect(edges.length / 2).toBeLessThan(tris.length * 0.6 * 3);
  });

  it('gives no face triangles or contours for a layer without face landmarks', () => {
    const body: RigLayer = { ...head, faceVertexCount: undefined };
    expect(faceTriangles(body).length).toBe(0);
    expect(contoursFor(body)).toEqual([]);
    expect(contoursFor(head)).toHaveLength(FEATURE_CONTOURS.length);
  });

  it('draws eye contours around the eye: every point within the eye’s corner-to-corner span', () => {
    const eye = FEATURE_CONTOURS.find((c) => c.feature === 'eye')!;
    const xs = eye.points.map((p) => head.mesh.positions[p * 3]!);
    const [c0, c1] = [eye.points[0]!, eye.points[eye.points.length / 2]!];
    const span = [head.mesh.positions[c0 * 3]!, head.mesh.positions[c1 * 3]!].sort((a, b) => a - b);
    for (const x of xs) {
      expect(x).toBeGreaterThanOrEqual(span[0]! - 1);
      expect(x).toBeLessThanOrEqual(span[1]! + 1);
    }
  });
});

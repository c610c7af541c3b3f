import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractCanonicalFaceMesh } from '../../../models/tools/extract-face-mesh.ts';

describe('the canonical face mesh', () => {
  const committed = JSON.parse(readFileSync('src/rig/canonical-face-mesh.json', 'utf8'));

  it('is what the pinned @mediapipe/face_mesh package holds (re-extracted and compared)', () => {
    expect(extractCanonicalFaceMesh()).toEqual(committed);
  });

  it('is one closed surface of 468 vertices whose only border is the face oval', () => {
    const t: number[] = committed.triangles;
    expect(t.length / 3).toBe(898);
    const edgeUse = new Map<string, number>();
    for (let i = 0; i < t.length; i += 3) {
      for (const [a, b] of [[t[i]!, t[i + 1]!], [t[i + 1]!, t[i + 2]!], [t[i + 2]!, t[i]!]] as const) {
        const k = a < b ? `${a}-${b}` : `${b}-${a}`;
        edgeUse.set(k, (edgeUse.get(k) ?? 0) + 1);
      }
    }
    const border = [...edgeUse].filter(([, n]) => n === 1);
    // The face oval has 36 landmarks; eyes and mouth are covered, not holes.
    expect(border).toHaveLength(36);
    expect([...edgeUse.values()].every((n) => n <= 2)).toBe(true);
    // The nose tip (landmark 4) is the nearest point to the viewer in the canonical pose.
    const z: number[] = committed.positions.filter((_: number, i: number) => i % 3 === 2);
    expect(z.indexOf(Math.max(...z))).toBe(4);
  });
});

import { describe, expect, it } from 'vitest';
import { MESH_UNIFORMS } from '../../../src/render/mesh-uniforms.ts';
import { uniformLayout, withUniforms } from '../../../src/render/uniform-layout.ts';
import { gridMesh } from '../../../src/rig/grid-mesh.ts';
import { psnr } from '../../../src/render/psnr.ts';

describe('uniformLayout', () => {
  it('places fields at WGSL alignments and pads the block to 16 bytes', () => {
    const l = uniformLayout('U', [['a', 'f32'], ['b', 'vec2f'], ['c', 'vec4f'], ['d', 'u32']] as const);
    // a@0, b@8 (vec2 aligns to 8), c@16, d@32 → 36 → padded to 48
    expect(l.size).toBe(48);
    const f = new Float32Array(l.pack({ a: 1, b: [2, 3], c: [4, 5, 6, 7], d: 9 }));
    expect(Array.from(f.slice(0, 8))).toEqual([1, 0, 2, 3, 4, 5, 6, 7]);
    expect(new Uint32Array(f.buffer)[8]).toBe(9);
    expect(l.wgsl).toBe('struct U {\n  a: f32,\n  b: vec2f,\n  c: vec4f,\n  d: u32,\n};');
  });

  it('refuses a vector of the wrong length', () => {
    expect(() => MESH_UNIFORMS.pack({ cropOrigin: [0], cropSize: [1, 1], depthScale: 1, depthBase: 0, depthSpan: 1, layerOpacity: 1, unmix: 0 })).toThrow(/cropOrigin/);
  });

  it('puts the struct where the shader asks for it, and only there', () => {
    const shader = 'a\n// @uniforms MeshUniforms (generated)\nb';
    expect(withUniforms(shader, MESH_UNIFORMS)).toContain('struct MeshUniforms {\n  cropOrigin: vec2f,');
    expect(() => withUniforms('no marker', MESH_UNIFORMS)).toThrow(/@uniforms/);
  });
});

describe('gridMesh', () => {
  it('covers the rectangle exactly with two triangles per cell', () => {
    const m = gridMesh({ x: 0, y: 0, width: 100, height: 50, cols: 4, rows: 2, textureWidth: 100, textureHeight: 50 });
    expect(m.positions.length / 3).toBe(15);
    expect(m.indices.length).toBe(4 * 2 * 6);
    // Total triangle area equals the rectangle's: no gaps, no overlaps.
    let area = 0;
    for (let t = 0; t < m.indices.length; t += 3) {
      const [a, b, c] = [m.indices[t]!, m.indices[t + 1]!, m.indices[t + 2]!].map((i) => [m.positions[i * 3]!, m.positions[i * 3 + 1]!]);
      area += Math.abs((b![0]! - a![0]!) * (c![1]! - a![1]!) - (c![0]! - a![0]!) * (b![1]! - a![1]!)) / 2;
    }
    expect(area).toBeCloseTo(5000, 6);
    expect(Array.from(m.uvs.slice(-2))).toEqual([1, 1]);
  });
});

describe('psnr', () => {
  it('is infinite for equal images and 20·log10(255/d) for a uniform error d', () => {
    const a = new Uint8Array([10, 20, 30, 255, 40, 50, 60, 255]);
    expect(psnr(a, a)).toBe(Infinity);
    const b = a.map((v, i) => (i % 4 === 3 ? v : v + 5));
    expect(psnr(a, b)).toBeCloseTo(20 * Math.log10(255 / 5), 9);
    expect(() => psnr(a, b, () => false)).toThrow(/no pixel/);
  });
});

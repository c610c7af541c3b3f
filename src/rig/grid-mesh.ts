/**
 * A regular triangle grid over a rectangle of the photo: the background
 * plate's mesh, and the starting point for layers that need even coverage.
 */
import type { RigMesh } from '../contracts/rig.ts';

export interface GridOptions {
  x: number;
  y: number;
  width: number;
  height: number;
  /** Cells across and down. */
  cols: number;
  rows: number;
  /** Size of the texture the uvs address, in photo px (the photo itself by default). */
  textureWidth: number;
  textureHeight: number;
  z?: number;
}

export function gridMesh(o: GridOptions): RigMesh {
  const n = (o.cols + 1) * (o.rows + 1);
  const positions = new Float32Array(n * 3);
  const uvs = new Float32Array(n * 2);
  const opacity = new Float32Array(n).fill(1);
  for (let r = 0; r <= o.rows; r++) {
    for (let c = 0; c <= o.cols; c++) {
      const i = r * (o.cols + 1) + c;
      const x = o.x + (o.width * c) / o.cols;
      const y = o.y + (o.height * r) / o.rows;
      positions.set([x, y, o.z ?? 0], i * 3);
      uvs.set([x / o.textureWidth, y / o.textureHeight], i * 2);
    }
  }
  const indices = new Uint32Array(o.cols * o.rows * 6);
  let k = 0;
  for (let r = 0; r < o.rows; r++) {
    for (let c = 0; c < o.cols; c++) {
      const a = r * (o.cols + 1) + c;
      const b = a + 1;
      const d = a + o.cols + 1;
      const e = d + 1;
      indices.set([a, b, d, b, e, d], k);
      k += 6;
    }
  }
  return { positions, uvs, opacity, indices };
}

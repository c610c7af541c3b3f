/**
 * The simplest rig: the whole photo as one background layer. It is what a
 * photo with no person found renders as, and the base every other rig builds
 * its person layers over.
 */
import { RIG_VERSION, type Rig } from '../contracts/rig.ts';
import { gridMesh } from './grid-mesh.ts';

/** About 32 px cells: fine enough for later local warps, cheap to upload. */
const CELL_PX = 32;

export function plateRig(width: number, height: number): Rig {
  const mesh = gridMesh({
    x: 0,
    y: 0,
    width,
    height,
    cols: Math.max(1, Math.round(width / CELL_PX)),
    rows: Math.max(1, Math.round(height / CELL_PX)),
    textureWidth: width,
    textureHeight: height,
  });
  return { version: RIG_VERSION, photo: { width, height }, layers: [{ name: 'background', texture: { kind: 'photo' }, mesh }], images: {} };
}

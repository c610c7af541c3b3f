/**
 * Vertex positions of every rig layer for one MotionFrame. Runs on the CPU:
 * a face mesh has a few thousand vertices, far cheaper to move here than to
 * debug in a shader, and the same code is testable in Node.
 *
 * This first version draws the rig as built (the neutral pose). Head rotation,
 * jaw and blendshape fields come with the rig builder's weights.
 */
import type { MotionFrame } from '../contracts/motion.ts';
import type { Rig } from '../contracts/rig.ts';

export function deformRig(rig: Rig, _frame: MotionFrame): (Float32Array | undefined)[] {
  return rig.layers.map(() => undefined);
}

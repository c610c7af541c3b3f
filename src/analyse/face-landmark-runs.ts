/**
 * The landmark model runs behind one face ROI crop, in the crop's input
 * pixels. Two ways to spend them:
 *
 * - single: one run of the 468-point mesh model. Enough to place the next
 *   ROI, and what per-frame tracking can afford.
 * - ensemble (the photo's final pass): the mesh model and the attention model
 *   (face_landmark_with_attention), each on the crop and on its mirror
 *   (mirror-augmentation.ts), merged by face-refinement.ts into 478 points.
 *
 * Measured on the hand-labelled astronaut (original, ±30°, small face,
 * mirrored; worst error in % of face width, bar 2%), against one mesh run per
 * pass: chin 2.0 → 0.8 (mirroring cancels the model's one-sided chin), nose
 * 1.1 → 0.7, mouth corners 3.2 → 2.0 (the attention model's lip head; the mesh
 * model's corners sit 2–3 px out along the smile crease). Outer eye corners
 * stay at 2.0–2.8 (2.7 before): both models put them 1.5–2 px inside the
 * labelled lid junction, the attention model's eye head 1 px further still
 * (3.0–3.5), so the corners stay the mesh model's. The lids between the
 * corners are the attention model's: the mesh model does not see a closed
 * eye (on a rendered full blink of the astronaut it reads an eye aspect ratio
 * of 0.21, the attention model 0.05, open eyes 0.31 and 0.31), and on the
 * 14 photos of the developers' media its lids sit on the lid margins where
 * the mesh model's often stray 1–3 px onto skin. Cost: 4 runs instead of 1
 * for the final pass.
 */
import { assembleRefinedLandmarks, mergeRefinements } from './face-refinement.ts';
import { averageWithMirrored, flipTensorHorizontally } from './mirror-augmentation.ts';
import { outputData, type AnalyseContext } from './model-seam.ts';
import { FACE_LANDMARKS, FACE_LANDMARKS_WITH_ATTENTION } from './model-specs.ts';
import { throwIfAborted } from './abort.ts';

export type LandmarkRuns = 'single' | 'ensemble';

export interface CropLandmarks {
  /** landmarksNx3 in input pixels: N = 468 (single) or 478 (ensemble). */
  points: Float32Array;
  /** The mesh model's face-presence logit (mean of crop and mirror in the ensemble). */
  presenceLogit: number;
}

type OneRun = (ctx: AnalyseContext, input: Float32Array) => Promise<CropLandmarks>;

const dims = [1, 3, FACE_LANDMARKS.height, FACE_LANDMARKS.width];

const meshRun: OneRun = async (ctx, input) => {
  const m = FACE_LANDMARKS;
  const out = await ctx.runModel(m.id, { [m.input]: { type: 'float32', dims, data: input } });
  return { points: outputData(out, m.landmarks), presenceLogit: outputData(out, m.presence)[0]! };
};

const attentionRun: OneRun = async (ctx, input) => {
  const m = FACE_LANDMARKS_WITH_ATTENTION;
  const out = await ctx.runModel(m.id, { [m.input]: { type: 'float32', dims, data: input } });
  return { points: assembleRefinedLandmarks(out, m), presenceLogit: outputData(out, m.presence)[0]! };
};

async function withMirror(run: OneRun, ctx: AnalyseContext, input: Float32Array, mirroredInput: Float32Array): Promise<CropLandmarks> {
  const direct = await run(ctx, input);
  throwIfAborted(ctx.signal);
  const mirrored = await run(ctx, mirroredInput);
  return {
    points: averageWithMirrored(direct.points, mirrored.points, direct.points.length / 3, FACE_LANDMARKS.width),
    presenceLogit: (direct.presenceLogit + mirrored.presenceLogit) / 2,
  };
}

/** input: the ROI crop, [1, 3, 192, 192] NCHW, 0..1 (both face models take the same input). */
export async function landmarksOfCrop(ctx: AnalyseContext, input: Float32Array, runs: LandmarkRuns): Promise<CropLandmarks> {
  if (runs === 'single') return meshRun(ctx, input);
  const mirroredInput = flipTensorHorizontally(input, FACE_LANDMARKS.width);
  const mesh = await withMirror(meshRun, ctx, input, mirroredInput);
  throwIfAborted(ctx.signal);
  const refined = await withMirror(attentionRun, ctx, input, mirroredInput);
  return { points: mergeRefinements(mesh.points, refined.points), presenceLogit: mesh.presenceLogit };
}

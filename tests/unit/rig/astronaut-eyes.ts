/** The astronaut photo's face, its irises and its eye whites' colour, as buildRig finds them: shared by the eye tests. */
import { analysePhoto } from '../../../src/analyse/analyse-photo.ts';
import type { FaceAnalysis } from '../../../src/contracts/analysis.ts';
import type { RgbaImage } from '../../../src/contracts/rig.ts';
import { irisGeometry, scleraColour, type EyeGeometry, type Side } from '../../../src/rig/eyes.ts';
import type { Rgb } from '../../../src/rig/rgb.ts';
import { astronaut } from '../analyse/labelled-points.ts';
import { nodeModels } from '../analyse/node-models.ts';

export async function astronautEyes(): Promise<{ photo: RgbaImage; face: FaceAnalysis; irises: Record<Side, EyeGeometry>; white: Rgb | null }> {
  const decoded = astronaut();
  const photo = { ...decoded, data: new Uint8Array(decoded.data.buffer, decoded.data.byteOffset, decoded.data.byteLength) };
  const models = nodeModels();
  const face = (await analysePhoto(photo, models.runModel, { hands: false, body: false, matte: false }).finally(() => models.release())).faces[0]!;
  const irises = {
    right: irisGeometry(face.landmarks, face.landmarkCount, 'right', face.irisCentres.right),
    left: irisGeometry(face.landmarks, face.landmarkCount, 'left', face.irisCentres.left),
  };
  return { photo, face, irises, white: scleraColour(photo, face.landmarks, irises) };
}

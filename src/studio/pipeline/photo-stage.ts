/**
 * Photo → analysis → rig → renderer, on the main thread as glue only: the
 * analysis and the rig are made in the vision worker, the pixels live in the
 * render worker. The page keeps the analysis and the rig (plain data) for the
 * overlay, the explain mode and the project cache.
 */
import type { PhotoAnalysis } from '../../contracts/analysis.ts';
import { NoFaceError, UnsupportedMediaError } from '../../contracts/errors.ts';
import type { ProgressCallback } from '../../contracts/progress.ts';
import type { Rig } from '../../contracts/rig.ts';
import type { BackendPreference } from '../../runtime/backend-choice.ts';
import { renderClient } from '../render-client.ts';
import { visionClient } from '../vision-client.ts';

/** How the renderer's photo texture is decoded: the bytes as they are, EXIF orientation applied, as the rig tests do. */
const PHOTO_BITMAP: ImageBitmapOptions = { imageOrientation: 'from-image', premultiplyAlpha: 'none', colorSpaceConversion: 'none' };

export async function decodePhoto(blob: Blob): Promise<ImageBitmap> {
  try {
    return await createImageBitmap(blob, PHOTO_BITMAP);
  } catch (e) {
    throw new UnsupportedMediaError(`could not decode the photo: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  }
}

export interface AnalyseOptions {
  backend?: BackendPreference;
  onProgress?: ProgressCallback;
}

/** Every face, the body, hands and the matte. No face is not an error here: the UI shows the photo and says so. */
export async function analysePhotoBlob(blob: Blob, o: AnalyseOptions = {}): Promise<PhotoAnalysis> {
  // Hands are left out: nothing downstream uses them yet (the rig animates face, head and body),
  // and on a slow machine they cost seconds before the first picture.
  return visionClient.analysePhoto(await decodePhoto(blob), { backend: o.backend, hands: false }, o.onProgress);
}

/** The rig for one face of the photo just analysed; NoFaceError when the photo has none. */
export async function rigForFace(analysis: PhotoAnalysis, faceIndex: number): Promise<Rig> {
  if (!analysis.faces.length) throw new NoFaceError('no face in the photo');
  return visionClient.buildRig(faceIndex);
}

/** Puts the photo and its rig on the GPU; from here frames can be drawn. */
export async function loadIntoRenderer(blob: Blob, rig: Rig): Promise<void> {
  await renderClient.setPhoto(await decodePhoto(blob));
  await renderClient.setRig(rig);
}

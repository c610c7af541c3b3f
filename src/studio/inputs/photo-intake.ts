/**
 * The checks a photo goes through before the studio uses it: is it an image,
 * is its size safe to decode, does it decode. A photo above the working size
 * is scaled down here, once, so every later stage gets a Blob it can decode
 * into a WebGPU texture without further thought.
 *
 * Browser only (createImageBitmap, OffscreenCanvas); the decisions it makes
 * are the pure functions in image-type.ts and image-checks.ts.
 */
import { checkImageSize } from './image-checks.ts';
import { IMAGE_HEADER_BYTES, readImageSize, sniffImageType, type ImageType, type PixelSize } from './image-type.ts';
import { CorruptPhotoError, HeicPhotoError, PhotoTooLargeError, UnsupportedPhotoError } from './input-errors.ts';

/** How a photo came in, for the project record and for analytics-free debugging. */
export type PhotoOrigin = 'drop' | 'paste' | 'picker' | 'webcam' | 'sample';

export interface CheckedPhoto {
  /** The original file, or a scaled-down re-encode of it. */
  blob: Blob;
  type: ImageType;
  /** Size after EXIF orientation and any scaling. */
  width: number;
  height: number;
  /** The size on disk before scaling, when it was scaled. */
  scaledFrom?: PixelSize;
}

// Types that can hold transparency keep it (PNG); the rest re-encode as a
// high-quality JPEG, which at 0.95 is visually lossless and encodes an 8K
// photo in a fraction of PNG's time.
const KEEPS_ALPHA = new Set<ImageType>(['png', 'webp', 'gif', 'avif']);

export async function preparePhoto(file: Blob): Promise<CheckedPhoto> {
  const head = new Uint8Array(await file.slice(0, IMAGE_HEADER_BYTES).arrayBuffer());
  const type = sniffImageType(head);
  if (type === 'heic') throw new HeicPhotoError('HEIC/HEIF brand in ftyp');
  if (!type) throw new UnsupportedPhotoError('no known image signature');

  const stored = readImageSize(head, type);
  if (stored) {
    const decision = checkImageSize(stored.width, stored.height);
    if (decision.kind === 'too-large') throw new PhotoTooLargeError(`${stored.width}x${stored.height}`, stored);
    if (decision.kind === 'invalid') throw new CorruptPhotoError(`header says ${stored.width}x${stored.height}`);
  }
  // No size in the first megabyte (rare: huge metadata): decoding decides, and the size is checked after.

  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch (e) {
    throw new CorruptPhotoError(`createImageBitmap failed for ${type}`, { cause: e });
  }
  try {
    const decision = checkImageSize(bitmap.width, bitmap.height);
    if (decision.kind === 'too-large') throw new PhotoTooLargeError(`${bitmap.width}x${bitmap.height}`, { width: bitmap.width, height: bitmap.height });
    if (decision.kind === 'invalid') throw new CorruptPhotoError('decoded to an empty image');
    if (decision.kind === 'ok') return { blob: file, type, width: bitmap.width, height: bitmap.height };
    const keepAlpha = KEEPS_ALPHA.has(type);
    let blob = await scaled(bitmap, decision.width, decision.height, keepAlpha);
    // Keep the person's file name (with the new extension), so projects and exports still say which photo it was.
    if (file instanceof File) blob = new File([blob], file.name.replace(/(\.[^.]*)?$/, keepAlpha ? '.png' : '.jpg'), { type: blob.type });
    return { blob, type: keepAlpha ? 'png' : 'jpeg', width: decision.width, height: decision.height, scaledFrom: { width: bitmap.width, height: bitmap.height } };
  } finally {
    bitmap.close();
  }
}

async function scaled(source: ImageBitmap, width: number, height: number, keepAlpha: boolean): Promise<Blob> {
  const small = await createImageBitmap(source, { resizeWidth: width, resizeHeight: height, resizeQuality: 'high' });
  try {
    const canvas = new OffscreenCanvas(width, height);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new CorruptPhotoError('no 2D canvas to scale the photo');
    ctx.drawImage(small, 0, 0);
    return await canvas.convertToBlob(keepAlpha ? { type: 'image/png' } : { type: 'image/jpeg', quality: 0.95 });
  } finally {
    small.close();
  }
}

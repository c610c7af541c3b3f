/**
 * What kind of image a file is, from its first bytes, and how large it is,
 * from its header alone.
 *
 * File names and MIME types lie (a ".jpg" that is really HEIC is what an
 * iPhone's share sheet often hands over, and drag-and-drop from some apps
 * gives no type at all), so the bytes decide. Reading the size from the
 * header lets a 100-megapixel file be refused before anything tries to decode
 * it into 400 MB of pixels.
 */

export type ImageType = 'jpeg' | 'png' | 'webp' | 'gif' | 'avif' | 'bmp' | 'heic';

/** How many leading bytes `readImageSize` may need: JPEG's size comes after EXIF/XMP segments, which can reach hundreds of KB. */
export const IMAGE_HEADER_BYTES = 1 << 20;

const AVIF_BRANDS = new Set(['avif', 'avis']);
// mif1/msf1 are the generic HEIF brands; a file naming only those (and not avif) is HEIC in practice.
const HEIC_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'hevm', 'hevs', 'mif1', 'msf1']);
// The header sizes a real BMP declares (OS/2 core, Windows V1–V5); "BM" alone is too common in text to trust.
const BMP_HEADER_SIZES = new Set([12, 40, 52, 56, 64, 108, 124]);

function ascii(bytes: Uint8Array, at: number, length: number): string {
  if (bytes.length < at + length) return '';
  return String.fromCharCode(...bytes.subarray(at, at + length));
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return bytes.length >= prefix.length && prefix.every((b, i) => bytes[i] === b);
}

/** The brands of an ISO-BMFF `ftyp` box (major first), or [] when the file does not start with one. */
export function ftypBrands(bytes: Uint8Array): string[] {
  if (ascii(bytes, 4, 4) !== 'ftyp') return [];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const boxSize = Math.min(view.getUint32(0), bytes.length);
  const brands = [ascii(bytes, 8, 4)];
  // Offset 12 is the minor version; compatible brands follow, 4 bytes each.
  for (let at = 16; at + 4 <= boxSize; at += 4) brands.push(ascii(bytes, at, 4));
  return brands;
}

/** The image type the bytes begin with, or null when they are not an image Vivify knows. */
export function sniffImageType(bytes: Uint8Array): ImageType | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  const gif = ascii(bytes, 0, 6);
  if (gif === 'GIF87a' || gif === 'GIF89a') return 'gif';
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WEBP') return 'webp';
  if (ascii(bytes, 0, 2) === 'BM' && bytes.length >= 18) {
    const dibSize = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(14, true);
    if (BMP_HEADER_SIZES.has(dibSize)) return 'bmp';
  }
  const brands = ftypBrands(bytes);
  if (brands.some((b) => AVIF_BRANDS.has(b))) return 'avif';
  if (brands.some((b) => HEIC_BRANDS.has(b))) return 'heic';
  return null;
}

export interface PixelSize {
  width: number;
  height: number;
}

/**
 * Width and height as stored (before EXIF rotation, which does not change the
 * pixel count), or null when the header is cut short or malformed. `bytes`
 * should be the file's first IMAGE_HEADER_BYTES.
 */
export function readImageSize(bytes: Uint8Array, type: ImageType): PixelSize | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const fits = (end: number) => end <= bytes.length;
  switch (type) {
    case 'png':
      // IHDR is always the first chunk: width and height big-endian at 16 and 20.
      return fits(24) && ascii(bytes, 12, 4) === 'IHDR' ? { width: view.getUint32(16), height: view.getUint32(20) } : null;
    case 'gif':
      return fits(10) ? { width: view.getUint16(6, true), height: view.getUint16(8, true) } : null;
    case 'bmp': {
      if (!fits(26)) return null;
      if (view.getUint32(14, true) === 12) return { width: view.getUint16(18, true), height: view.getUint16(20, true) };
      // A negative height means rows are stored top-down; the size is its magnitude.
      return { width: Math.abs(view.getInt32(18, true)), height: Math.abs(view.getInt32(22, true)) };
    }
    case 'webp':
      return webpSize(bytes, view);
    case 'jpeg':
      return jpegSize(bytes, view);
    case 'avif':
    case 'heic':
      return ispeSize(bytes, view);
  }
}

function webpSize(bytes: Uint8Array, view: DataView): PixelSize | null {
  const chunk = ascii(bytes, 12, 4);
  if (chunk === 'VP8X' && bytes.length >= 30) {
    // Canvas size minus one, 24-bit little-endian.
    const u24 = (at: number) => bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16);
    return { width: u24(24) + 1, height: u24(27) + 1 };
  }
  if (chunk === 'VP8L' && bytes.length >= 25 && bytes[20] === 0x2f) {
    // Lossless: 14 bits of width-1 then 14 bits of height-1, little-endian bit order.
    const bits = view.getUint32(21, true);
    return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
  }
  if (chunk === 'VP8 ' && bytes.length >= 30 && bytes[23] === 0x9d && bytes[24] === 0x01 && bytes[25] === 0x2a) {
    // Lossy key frame: 14-bit sizes after the start code; the top two bits are scaling hints.
    return { width: view.getUint16(26, true) & 0x3fff, height: view.getUint16(28, true) & 0x3fff };
  }
  return null;
}

function jpegSize(bytes: Uint8Array, view: DataView): PixelSize | null {
  let at = 2;
  while (at + 4 <= bytes.length) {
    if (bytes[at] !== 0xff) return null;
    const marker = bytes[at + 1]!;
    // Fill bytes (FF FF…) may pad between segments.
    if (marker === 0xff) { at += 1; continue; }
    // Restart markers and TEM stand alone, without a length.
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) { at += 2; continue; }
    const length = view.getUint16(at + 2);
    // SOF0–SOF15 carry the frame size, except DHT (C4), JPG (C8) and DAC (CC), which share the range.
    const isFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isFrame) return at + 9 <= bytes.length ? { width: view.getUint16(at + 7), height: view.getUint16(at + 5) } : null;
    if (marker === 0xda || marker === 0xd9) return null; // scan data or end before any frame header
    at += 2 + length;
  }
  return null;
}

/**
 * HEIF/AVIF keep each image item's size in an `ispe` property box inside
 * meta/iprp/ipco. A grid image lists its tiles too; the largest is the whole
 * picture, which is the one that matters for a size limit.
 */
function ispeSize(bytes: Uint8Array, view: DataView): PixelSize | null {
  let best: PixelSize | null = null;
  const end = Math.min(bytes.length, 1 << 16) - 16;
  for (let at = 4; at <= end; at++) {
    if (bytes[at] !== 0x69 || ascii(bytes, at, 4) !== 'ispe') continue;
    // Box: size(4) 'ispe'(4) version+flags(4) width(4) height(4); `at` points at the type.
    const width = view.getUint32(at + 8);
    const height = view.getUint32(at + 12);
    if (!best || width * height > best.width * best.height) best = { width, height };
  }
  return best;
}

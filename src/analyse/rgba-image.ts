/** A decoded photo as plain data: RGBA bytes, row-major, as ImageData gives them. */
export interface RgbaImage {
  width: number;
  height: number;
  /** width × height × 4 bytes. */
  data: Uint8Array | Uint8ClampedArray;
}

export function rgbaImage(width: number, height: number, data?: Uint8Array | Uint8ClampedArray): RgbaImage {
  const bytes = data ?? new Uint8Array(width * height * 4);
  if (bytes.length !== width * height * 4) throw new RangeError(`RGBA buffer of ${bytes.length} bytes cannot be ${width}×${height}`);
  return { width, height, data: bytes };
}

/**
 * A stand-in producer until the renderer exists, and the test pattern after:
 * every frame is drawn on an OffscreenCanvas with
 * - a gradient background and a disc that moves, so the encoder has motion;
 * - the frame number as text, for people looking at a frame;
 * - the frame number as a 16-bit barcode along the bottom edge, for tests
 *   that decode the file and check every frame arrived, in order;
 * - optionally a fully transparent top-left quarter, for the alpha test.
 * Works on the main thread and in workers (OffscreenCanvas exists in both).
 */
export interface FrameSource {
  readonly width: number;
  readonly height: number;
  readonly fps: number;
  readonly frameCount: number;
  /** Frame `index`; the caller owns it and must close or transfer it. */
  frame(index: number): Promise<VideoFrame | ImageBitmap>;
}

export interface SyntheticOptions {
  width: number;
  height: number;
  fps: number;
  frameCount: number;
  /** Leave the top-left quarter fully transparent (alpha 0). */
  transparentCorner?: boolean;
}

export const BARCODE_BITS = 16;

export function syntheticFrames(o: SyntheticOptions): FrameSource {
  const canvas = new OffscreenCanvas(o.width, o.height);
  const g = canvas.getContext('2d', { alpha: true })!;
  const draw = (index: number) => drawFrame(g, o, index);
  return {
    width: o.width,
    height: o.height,
    fps: o.fps,
    frameCount: o.frameCount,
    async frame(index) {
      draw(index);
      // A VideoFrame of the canvas: WebCodecs takes it directly and it can be transferred to the worker.
      return new VideoFrame(canvas, { timestamp: Math.round((index * 1e6) / o.fps), duration: Math.round(1e6 / o.fps), alpha: 'keep' });
    },
  };
}

export function drawFrame(g: OffscreenCanvasRenderingContext2D, o: SyntheticOptions, index: number): void {
  const { width: w, height: h } = o;
  const t = index / o.fps;
  const bg = g.createLinearGradient(0, 0, w, h);
  bg.addColorStop(0, '#1d3557');
  bg.addColorStop(1, '#457b9d');
  g.globalCompositeOperation = 'source-over';
  g.fillStyle = bg;
  g.fillRect(0, 0, w, h);

  // The disc crosses the frame once every 2 s, below the transparent quarter.
  const r = h / 8;
  const x = r + ((w - 2 * r) * ((t / 2) % 1));
  g.fillStyle = '#e63946';
  g.beginPath();
  g.arc(x, h * 0.55, r, 0, 2 * Math.PI);
  g.fill();

  g.fillStyle = '#f1faee';
  g.font = `bold ${Math.round(h / 10)}px sans-serif`;
  g.textBaseline = 'top';
  g.fillText(`#${index}`, w * 0.3, h * 0.05);

  // Barcode: BARCODE_BITS cells over the bottom 1/16 of the frame, most significant bit first, white = 1.
  const cellW = w / BARCODE_BITS;
  const cellH = h / 16;
  for (let b = 0; b < BARCODE_BITS; b++) {
    const bit = (index >> (BARCODE_BITS - 1 - b)) & 1;
    g.fillStyle = bit ? '#ffffff' : '#000000';
    g.fillRect(Math.floor(b * cellW), h - cellH, Math.ceil(cellW), cellH);
  }

  if (o.transparentCorner) g.clearRect(0, 0, w / 4, h / 4);
}

/**
 * Reads the barcode back from decoded luma (one byte per pixel, row-major),
 * sampling the middle of each cell so compression ringing at the edges does
 * not matter. Mid-grey is the threshold between black and white cells.
 */
export function readBarcode(luma: Uint8Array, width: number, height: number): number {
  const y = Math.floor(height - height / 32);
  let value = 0;
  for (let b = 0; b < BARCODE_BITS; b++) {
    const x = Math.floor((b + 0.5) * (width / BARCODE_BITS));
    value = (value << 1) | (luma[y * width + x]! > 128 ? 1 : 0);
  }
  return value;
}

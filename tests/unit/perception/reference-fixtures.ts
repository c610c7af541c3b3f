/**
 * Loads the TFLite reference fixtures written by models/reference/make_references.py
 * (format documented there) and compares ONNX outputs against them.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const FIXTURES = fileURLToPath(new URL('../../fixtures/perception/', import.meta.url));

export interface ReferenceOutput {
  name: string;
  /** TFLite shape, NHWC for rank 4. */
  shape: number[];
  stride: number;
  /** The stored elements: every `stride`-th of the flattened TFLite tensor. */
  expected: Float32Array;
  absMax: number;
  /** How far TFLite's own XNNPACK kernels land from the reference kernels. */
  xnnpackSpread: number;
}

export interface ReferenceCase {
  image: string;
  /** [1, 3, H, W] NCHW, in the model's input range. */
  input: Float32Array;
  outputs: ReferenceOutput[];
}

export interface ReferenceFixture {
  model: string;
  inputName: string;
  /** [H, W] */
  size: [number, number];
  cases: ReferenceCase[];
}

interface FixtureJson {
  model: string;
  input: { name: string; shape: [number, number, number, number]; range: [number, number] };
  images: { image: string; input: string; outputs: (Omit<ReferenceOutput, 'expected'> & { offset: number; count: number })[] }[];
}

export function hasReferenceFixture(modelId: string): boolean {
  try {
    readFileSync(join(FIXTURES, `${modelId}.json`));
    return true;
  } catch {
    return false;
  }
}

export function loadReferenceFixture(modelId: string): ReferenceFixture {
  const meta = JSON.parse(readFileSync(join(FIXTURES, `${modelId}.json`), 'utf8')) as FixtureJson;
  const bin = readFileSync(join(FIXTURES, `${modelId}.bin`));
  const all = new Float32Array(bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength));
  const [, h, w] = meta.input.shape;
  return {
    model: meta.model,
    inputName: meta.input.name,
    size: [h, w],
    cases: meta.images.map((im) => ({
      image: im.image,
      input: modelInput(gunzipSync(readFileSync(join(FIXTURES, im.input))), h, w, meta.input.range),
      outputs: im.outputs.map((o) => ({ ...o, expected: all.slice(o.offset, o.offset + o.count) })),
    })),
  };
}

/**
 * uint8 HWC RGB → float32 NCHW, bit-identical to the script's numpy:
 * each step is one IEEE float32 operation, which Math.fround reproduces.
 */
export function modelInput(rgb: Uint8Array, h: number, w: number, range: [number, number]): Float32Array {
  const out = new Float32Array(3 * h * w);
  const plane = h * w;
  for (let p = 0; p < plane; p++) {
    for (let c = 0; c < 3; c++) {
      const u = rgb[p * 3 + c]!;
      out[c * plane + p] = range[0] === 0 ? Math.fround(u / 255) : Math.fround(Math.fround(u / 127.5) - 1);
    }
  }
  return out;
}

/** ONNX output (NCHW when rank 4) → the same strided NHWC-order elements the fixture stores. */
export function sampleLikeReference(onnx: Float32Array, ref: ReferenceOutput): Float32Array {
  let flat = onnx;
  if (ref.shape.length === 4) {
    const [n, h, w, c] = ref.shape as [number, number, number, number];
    flat = new Float32Array(onnx.length);
    let i = 0;
    for (let b = 0; b < n; b++)
      for (let y = 0; y < h; y++)
        for (let x = 0; x < w; x++)
          for (let ch = 0; ch < c; ch++) flat[i++] = onnx[((b * c + ch) * h + y) * w + x]!;
  }
  const out = new Float32Array(ref.expected.length);
  for (let i = 0; i < out.length; i++) out[i] = flat[i * ref.stride]!;
  return out;
}

export function maxAbsDiff(a: Float32Array, b: Float32Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

/** Largest xy distance between corresponding landmarks, in model-input pixels. */
export function landmarkPixelError(a: Float32Array, b: Float32Array, valuesPerPoint: number): number {
  let m = 0;
  for (let i = 0; i + 1 < a.length; i += valuesPerPoint) m = Math.max(m, Math.hypot(a[i]! - b[i]!, a[i + 1]! - b[i + 1]!));
  return m;
}

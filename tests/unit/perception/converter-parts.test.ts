import { describe, expect, it } from 'vitest';
import { densify } from '../../../models/converter/densify.ts';
import { readFlexBuffer } from '../../../models/converter/flexbuffers.ts';
import { floatToHalf, halfToFloat } from '../../../models/converter/half-float.ts';
import { transposeData } from '../../../models/converter/layout.ts';
import { listPackageAssets, parsePackedAssetsLoader } from '../../../models/converter/mediapipe-assets.ts';
import { MEDIAPIPE_MODELS } from '../../../models/converter/mediapipe-models.ts';
import { buildModels, convertMediapipeModel, encodeVariant } from '../../../models/build-models.ts';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { samePadding } from '../../../models/converter/ops-convolution.ts';

describe('half floats', () => {
  it('round-trips every finite half exactly', () => {
    for (let h = 0; h < 0x7c00; h++) {
      expect(floatToHalf(halfToFloat(h))).toBe(h);
      expect(floatToHalf(-halfToFloat(h))).toBe(h | 0x8000);
    }
  });

  it('rounds to nearest even, like numpy', () => {
    // 1 + 2^-11 lies halfway between 1 and the next half (1 + 2^-10): ties go to the even mantissa.
    expect(floatToHalf(1 + 2 ** -11)).toBe(0x3c00);
    expect(floatToHalf(1 + 3 * 2 ** -11)).toBe(0x3c02);
    expect(floatToHalf(65520)).toBe(0x7c00); // overflows to infinity
    expect(floatToHalf(2 ** -25)).toBe(0); // halfway to the smallest subnormal: ties to even (zero)
    expect(floatToHalf(1.5 * 2 ** -25)).toBe(1);
  });
});

describe('densify', () => {
  it('expands a CSR matrix', () => {
    // [[0, 2, 0], [3, 0, 4]]: row 0 holds column 1, row 1 holds columns 0 and 2.
    const dense = densify(Float32Array.of(2, 3, 4), [2, 3], {
      traversalOrder: [0, 1],
      blockMap: [],
      dimMetadata: [
        { format: 'DENSE', denseSize: 2, segments: [], indices: [] },
        { format: 'SPARSE_CSR', denseSize: 0, segments: [0, 1, 3], indices: [1, 0, 2] },
      ],
    });
    expect(Array.from(dense)).toEqual([0, 2, 0, 3, 0, 4]);
  });

  it('expands 1x2 blocks', () => {
    // A 2x4 matrix of 1x2 blocks: block row 0 keeps block column 1, block row 1 keeps block column 0.
    const dense = densify(Float32Array.of(1, 2, 3, 4), [2, 4], {
      traversalOrder: [0, 1, 2],
      blockMap: [1],
      dimMetadata: [
        { format: 'DENSE', denseSize: 2, segments: [], indices: [] },
        { format: 'SPARSE_CSR', denseSize: 0, segments: [0, 1, 2], indices: [1, 0] },
        { format: 'DENSE', denseSize: 2, segments: [], indices: [] },
      ],
    });
    expect(Array.from(dense)).toEqual([0, 0, 1, 2, 3, 4, 0, 0]);
  });
});

describe('layout', () => {
  it('transposes NHWC data to NCHW', () => {
    // 1x2x2x3, value = 100h + 10w + c
    const nhwc = Float32Array.from({ length: 12 }, (_, i) => 100 * Math.floor(i / 6) + 10 * (Math.floor(i / 3) % 2) + (i % 3));
    expect(Array.from(transposeData(nhwc, [1, 2, 2, 3], [0, 3, 1, 2]))).toEqual([0, 10, 100, 110, 1, 11, 101, 111, 2, 12, 102, 112]);
  });

  it('pads SAME like TensorFlow: the odd pixel goes after', () => {
    expect(samePadding(224, 3, 2)).toEqual([0, 1]);
    expect(samePadding(7, 3, 1)).toEqual([1, 1]);
    expect(samePadding(8, 5, 2, 1)).toEqual([1, 2]);
  });
});

describe('flexbuffers', () => {
  it('reads a map of ints, as MediaPipe writes TransformTensorBilinear options', () => {
    // {"output_height": 16, "output_width": 16}, bytes as flexbuffers' builder lays them out.
    const keys = new TextEncoder().encode('output_height\0output_width\0');
    const tail = [0x02, 0x1c, 0x0f, 0x02, 0x01, 0x02, 0x10, 0x10, 0x04, 0x04, 0x04, 0x24, 0x01];
    expect(readFlexBuffer(Uint8Array.from([...keys, ...tail]))).toEqual({ output_height: 16, output_width: 16 });
  });
});

describe('packed assets loader', () => {
  it('reads the file table from the loadPackage call', () => {
    const src = `var x = 1; function loadPackage(m) {} loadPackage({"files": [{"filename": "/a/b/c.tflite", "start": 0, "end": 10}, {"filename": "/d.txt", "start": 10, "end": 11}], "remote_package_size": 11});`;
    expect(parsePackedAssetsLoader(src)).toEqual([{ name: 'c.tflite', start: 0, end: 10 }, { name: 'd.txt', start: 10, end: 11 }]);
  });
});

describe('the pinned MediaPipe packages', () => {
  it('hold every model the converter lists, plain or packed', () => {
    for (const m of MEDIAPIPE_MODELS) {
      const assets = listPackageAssets(`node_modules/@mediapipe/${m.pkg}`);
      const bytes = assets.get(`${m.id}.tflite`)?.();
      expect(bytes, m.id).toBeDefined();
      expect(new TextDecoder().decode(bytes!.subarray(4, 8)), m.id).toBe('TFL3');
    }
    expect(listPackageAssets('node_modules/@mediapipe/face_mesh').has('geometry_pipeline_metadata_landmarks.binarypb')).toBe(true);
  });

  it('convert to identical bytes every time (the manifest sha256 depends on it)', () => {
    const model = MEDIAPIPE_MODELS.find((m) => m.id === 'selfie_segmentation')!;
    const a = encodeVariant(convertMediapipeModel(model), 'fp16', 'x');
    const b = encodeVariant(convertMediapipeModel(model), 'fp16', 'x');
    expect(Buffer.compare(a, b)).toBe(0);
  });
});

describe('buildModels', () => {
  it('writes an fp32 file and a smaller fp16 variant with matching manifest entries', async () => {
    const outDir = mkdtempSync(join(tmpdir(), 'vivify-models-'));
    try {
      const entries = await buildModels({ outDir, only: ['selfie_segmentation'] });
      expect(entries.map((e) => [e.id, e.precision, e.variantOf])).toEqual([
        ['selfie_segmentation', 'fp32', undefined],
        ['selfie_segmentation.fp16', 'fp16', 'selfie_segmentation'],
      ]);
      for (const e of entries) {
        const bytes = readFileSync(join(outDir, e.file));
        expect(bytes.length).toBe(e.bytes);
        expect(createHash('sha256').update(bytes).digest('hex')).toBe(e.sha256);
        expect(e.inputs).toEqual([{ name: 'input_1', type: 'float32', shape: [1, 3, 256, 256] }]);
        expect(e.source).toMatch(/^npm:@mediapipe\/selfie_segmentation@[0-9.]+\/selfie_segmentation\.tflite$/);
      }
      expect(entries[1]!.bytes).toBeLessThan(entries[0]!.bytes * 0.6);
    } finally {
      rmSync(outDir, { recursive: true, force: true });
    }
  });
});

/**
 * Shared body of the conversion tests: convert one MediaPipe model in memory,
 * run the fp32 and fp16-weight ONNX files in onnxruntime-web's WASM backend,
 * and compare with the TFLite reference fixtures.
 */
import * as ort from 'onnxruntime-web';
import { expect } from 'vitest';
import { convertMediapipeModel, encodeVariant } from '../../../models/build-models.ts';
import type { MediapipeModel } from '../../../models/converter/mediapipe-models.ts';
import { landmarkPixelError, loadReferenceFixture, maxAbsDiff, sampleLikeReference, type ReferenceOutput } from './reference-fixtures.ts';

// One thread: CI has two cores and vitest already runs two test files at once.
ort.env.wasm.numThreads = 1;

/**
 * fp32 tolerance, per element: 1e-3 absolute, or 1e-3 of the reference value
 * where that exceeds 1, or TFLite's own XNNPACK-vs-reference spread on that
 * output where that is larger still.
 *
 * Scores, probabilities and normalised coordinates lie within ±1, so for them
 * this is the plain 1e-3 bound. Landmarks and box offsets are in input pixels
 * (up to a few hundred) and detector logits reach ~2000, where one float32 ulp
 * is already 1e-4 to 1e-3; a fixed 1e-3 there would test summation order, not
 * the conversion. The spread floor matters only for the pose models'
 * segmentation logits (|x| up to ~1800, computed by cancellation): TFLite's two
 * kernel sets disagree there by up to 0.6, more than the converted model does.
 */
export const FP32_RELATIVE_TOLERANCE = 1e-3;

/** WebGPU's default (and guaranteed) maxStorageBuffersPerShaderStage. */
const WEBGPU_STORAGE_BUFFERS = 8;

/** Worst ratio of |got − expected| to the per-element tolerance above; ≤ 1 passes. */
export function toleranceRatio(got: Float32Array, ref: ReferenceOutput): number {
  let worst = 0;
  for (let i = 0; i < got.length; i++) {
    const expected = ref.expected[i]!;
    const tol = Math.max(FP32_RELATIVE_TOLERANCE * Math.max(1, Math.abs(expected)), ref.xnnpackSpread);
    worst = Math.max(worst, Math.abs(got[i]! - expected) / tol);
  }
  return worst;
}

export interface ConversionReport {
  model: string;
  image: string;
  /** The output closest to its tolerance, with its error and TFLite's own kernel spread there. */
  worstOutput: string;
  /** Max |ONNX − TFLite| on that output, and its worst ratio to the tolerance. */
  fp32MaxAbsError: number;
  fp32ToleranceRatio: number;
  xnnpackSpread: number;
  /** Max |ONNX − TFLite| over all outputs, whatever their scale. */
  fp32MaxAbsErrorAnyOutput: number;
  fp16LandmarkErrorPx?: number;
  fp16MaxAbsError: number;
}

async function session(bytes: Uint8Array): Promise<ort.InferenceSession> {
  return ort.InferenceSession.create(bytes, { executionProviders: ['wasm'], graphOptimizationLevel: 'all' });
}

export async function checkConversion(model: MediapipeModel): Promise<ConversionReport[]> {
  const fixture = loadReferenceFixture(model.id);
  const graph = convertMediapipeModel(model);
  // WebGPU guarantees 8 storage buffers per shader stage, and ORT's WebGPU
  // kernels bind each tensor input and output as one: a node with more fails
  // to build its pipeline there, and the run returns zeros with no error.
  for (const node of graph.nodes) {
    expect(node.inputs.length + node.outputs.length, `${model.id}: ${node.op} ${node.outputs[0]} binds more than WebGPU's 8 storage buffers`).toBeLessThanOrEqual(WEBGPU_STORAGE_BUFFERS);
  }
  const fp32 = await session(encodeVariant(graph, 'fp32', model.id));
  const fp16 = await session(encodeVariant(graph, 'fp16', model.id));
  const reports: ConversionReport[] = [];
  try {
    for (const c of fixture.cases) {
      const [h, w] = fixture.size;
      const feeds = { [fixture.inputName]: new ort.Tensor('float32', c.input, [1, 3, h, w]) };
      const [out32, out16] = [await fp32.run(feeds), await fp16.run(feeds)];
      const report: ConversionReport = {
        model: model.id, image: c.image, worstOutput: '', fp32MaxAbsError: 0, fp32ToleranceRatio: -1, xnnpackSpread: 0, fp32MaxAbsErrorAnyOutput: 0, fp16MaxAbsError: 0,
      };
      for (const ref of c.outputs) {
        const got32 = sampleLikeReference(out32[ref.name]!.data as Float32Array, ref);
        const got16 = sampleLikeReference(out16[ref.name]!.data as Float32Array, ref);
        const err = maxAbsDiff(got32, ref.expected);
        const ratio = toleranceRatio(got32, ref);
        report.fp32MaxAbsErrorAnyOutput = Math.max(report.fp32MaxAbsErrorAnyOutput, err);
        expect(ratio, `${model.id} ${c.image} ${ref.name}: max |Δ| ${err.toExponential(2)}`).toBeLessThanOrEqual(1);
        if (ratio > report.fp32ToleranceRatio) {
          Object.assign(report, { worstOutput: ref.name, fp32MaxAbsError: err, fp32ToleranceRatio: ratio, xnnpackSpread: ref.xnnpackSpread });
        }
        report.fp16MaxAbsError = Math.max(report.fp16MaxAbsError, maxAbsDiff(got16, ref.expected));
        if (model.landmarks?.name === ref.name) {
          report.fp16LandmarkErrorPx = landmarkPixelError(got16, ref.expected, model.landmarks.valuesPerPoint);
        }
      }
      reports.push(report);
    }
  } finally {
    await fp32.release();
    await fp16.release();
  }
  return reports;
}

export function printReports(reports: ConversionReport[]): void {
  const lines = reports.map((r) =>
    `${r.model.padEnd(29)} ${r.image.padEnd(25)} fp32 ${r.worstOutput.padEnd(20)} max|Δ| ${r.fp32MaxAbsError.toExponential(2)}` +
    ` (${(100 * r.fp32ToleranceRatio).toFixed(0)}% of tolerance; TFLite XNNPACK spread ${r.xnnpackSpread.toExponential(1)})` +
    `  any output ${r.fp32MaxAbsErrorAnyOutput.toExponential(2)}` +
    `  fp16 max|Δ| ${r.fp16MaxAbsError.toExponential(2)}` +
    (r.fp16LandmarkErrorPx === undefined ? '' : `  fp16 landmarks ${r.fp16LandmarkErrorPx.toFixed(3)} px`));
  console.log(['TFLite → ONNX conversion vs TFLite reference:', ...lines].join('\n'));
}

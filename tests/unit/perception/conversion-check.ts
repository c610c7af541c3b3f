/**
 * Shared body of the conversion tests: convert one MediaPipe model in memory,
 * run the fp32 and fp16-weight ONNX files in onnxruntime-web's WASM backend,
 * and compare with the TFLite reference fixtures.
 */
import * as ort from 'onnxruntime-web';
import { expect } from 'vitest';
import { convertMediapipeModel, encodeVariant } from '../../../models/build-models.ts';
import type { MediapipeModel } from '../../../models/converter/mediapipe-models.ts';
import { landmarkPixelError, loadReferenceFixture, maxAbsDiff, sampleLikeReference } from './reference-fixtures.ts';

// One thread: CI has two cores and vitest already runs two test files at once.
ort.env.wasm.numThreads = 1;

/**
 * fp32 tolerance: 1e-3 absolute, scaled by the output's magnitude when that
 * exceeds 1. Scores, probabilities and normalised coordinates lie within ±1,
 * so for them this is the plain 1e-3 bound. Some outputs are raw logits or
 * pixel offsets in the hundreds or thousands (pose segmentation logits reach
 * ~1800), where one float32 ulp alone is 1e-4 and TFLite's own XNNPACK and
 * reference kernels differ by up to 0.6; a fixed 1e-3 there would test
 * summation order, not the conversion.
 */
export const FP32_RELATIVE_TOLERANCE = 1e-3;

export interface ConversionReport {
  model: string;
  image: string;
  /** The output closest to its tolerance, with its error and TFLite's own kernel spread there. */
  worstOutput: string;
  fp32MaxAbsError: number;
  fp32Tolerance: number;
  xnnpackSpread: number;
  fp16LandmarkErrorPx?: number;
  fp16MaxAbsError: number;
}

async function session(bytes: Uint8Array): Promise<ort.InferenceSession> {
  return ort.InferenceSession.create(bytes, { executionProviders: ['wasm'], graphOptimizationLevel: 'all' });
}

export async function checkConversion(model: MediapipeModel): Promise<ConversionReport[]> {
  const fixture = loadReferenceFixture(model.id);
  const graph = convertMediapipeModel(model);
  const fp32 = await session(encodeVariant(graph, 'fp32', model.id));
  const fp16 = await session(encodeVariant(graph, 'fp16', model.id));
  const reports: ConversionReport[] = [];
  try {
    for (const c of fixture.cases) {
      const [h, w] = fixture.size;
      const feeds = { [fixture.inputName]: new ort.Tensor('float32', c.input, [1, 3, h, w]) };
      const [out32, out16] = [await fp32.run(feeds), await fp16.run(feeds)];
      const report: ConversionReport = {
        model: model.id, image: c.image, worstOutput: '', fp32MaxAbsError: 0, fp32Tolerance: 0, xnnpackSpread: 0, fp16MaxAbsError: 0,
      };
      for (const ref of c.outputs) {
        const got32 = sampleLikeReference(out32[ref.name]!.data as Float32Array, ref);
        const got16 = sampleLikeReference(out16[ref.name]!.data as Float32Array, ref);
        const err = maxAbsDiff(got32, ref.expected);
        const tol = FP32_RELATIVE_TOLERANCE * Math.max(1, ref.absMax);
        expect(err, `${model.id} ${c.image} ${ref.name} (|max| ${ref.absMax.toFixed(1)})`).toBeLessThanOrEqual(tol);
        // Report the worst output relative to its own tolerance.
        if (!report.worstOutput || err / tol > report.fp32MaxAbsError / report.fp32Tolerance) {
          Object.assign(report, { worstOutput: ref.name, fp32MaxAbsError: err, fp32Tolerance: tol, xnnpackSpread: ref.xnnpackSpread });
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
    `${r.model.padEnd(30)} ${r.image.padEnd(25)} fp32 ${r.worstOutput.padEnd(14)} max|Δ| ${r.fp32MaxAbsError.toExponential(2)}` +
    ` (tol ${r.fp32Tolerance.toExponential(1)}, TFLite XNNPACK spread ${r.xnnpackSpread.toExponential(1)})` +
    `  fp16 max|Δ| ${r.fp16MaxAbsError.toExponential(2)}` +
    (r.fp16LandmarkErrorPx === undefined ? '' : `  fp16 landmarks ${r.fp16LandmarkErrorPx.toFixed(3)} px`));
  console.log(['TFLite → ONNX conversion vs TFLite reference:', ...lines].join('\n'));
}

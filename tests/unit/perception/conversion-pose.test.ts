import { afterAll, describe, it } from 'vitest';
import { MEDIAPIPE_MODELS } from '../../../models/converter/mediapipe-models.ts';
import { checkConversion, printReports, type ConversionReport } from './conversion-check.ts';

const MODELS = MEDIAPIPE_MODELS.filter((m) => !m.unsupported && m.id.startsWith('pose_'));
const reports: ConversionReport[] = [];

describe('MediaPipe pose models converted to ONNX match TFLite', () => {
  for (const model of MODELS) {
    it(model.id, async () => {
      reports.push(...(await checkConversion(model)));
    }, 180_000);
  }
  afterAll(() => printReports(reports));
});

/**
 * `npm run eval` on the shippable sample (the astronaut photo and the
 * LibriVox voice in public/samples/), with the acceptance thresholds
 * asserted: every frame's face found again, lips within a frame of the
 * voice, mouth opening correlated with speech energy (r ≥ 0.6), background
 * untouched (≥ 45 dB on the worst sampled frame). 10 s at 256 px keeps the
 * run near two minutes on SwiftShader; the figures are the same code as the
 * full-size CLI run. The report lands in test-results/eval/.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { checkThresholds, evaluate } from '../../src/eval/metrics/index.ts';
import { htmlReport, summaryTable } from '../../src/eval/report/index.ts';
import { DEFAULT_PAIR, recordInPage, toEvalRecording } from '../eval/record-in-page.ts';
import { expect, test } from './request-log.ts';

const OUT = 'test-results/eval';

test('the sample photo and voice meet the eval thresholds', async ({ page, requests, baseURL }) => {
  test.setTimeout(600_000);
  await page.goto('/');
  const t0 = performance.now();
  const record = await recordInPage(page, 'public/samples/astronaut.png', 'public/samples/voice.wav', { ...DEFAULT_PAIR, size: 256, seconds: 10 });
  const recording = toEvalRecording('astronaut × sample voice', record);
  recording.timings = { ...recording.timings, total: performance.now() - t0 };
  const figures = evaluate(recording);

  mkdirSync(OUT, { recursive: true });
  writeFileSync(`${OUT}/sample.json`, JSON.stringify(figures, null, 2));
  writeFileSync(`${OUT}/sample-report.html`, htmlReport([{ recording, figures }]));
  test.info().annotations.push({ type: 'eval', description: `\n${summaryTable([{ name: figures.name, figures }])}` });

  expect(figures.frames).toBe(250);
  expect(checkThresholds(figures).map((f) => f.message)).toEqual([]);
  expect(requests.offOrigin(new URL(baseURL!).origin)).toEqual([]);
});

import { describe, expect, test } from 'vitest';
import { evaluate } from '../../../src/eval/metrics/evaluate.ts';
import { checkThresholds, DEFAULT_THRESHOLDS } from '../../../src/eval/metrics/thresholds.ts';
import { syntheticRecording } from './synthetic-recording.ts';

describe('evaluate', () => {
  test('a mouth that follows the voice 2 frames late: offset +2, lag-0 correlation lower than at the offset', () => {
    const f = evaluate(syntheticRecording({ lag: 2 }));
    expect(f.frames).toBe(240);
    expect(f.audioSeconds).toBeCloseTo(8, 6);
    expect(f.faceRedetectionRate).toBe(1);
    expect(f.avOffsetFrames).toBe(2);
    expect(f.avOffsetCorrelation!).toBeGreaterThan(0.95);
    expect(f.lipSyncCorrelation!).toBeLessThan(f.avOffsetCorrelation!);
    expect(f.speechShare!).toBeGreaterThan(0.3);
    expect(f.speechShare!).toBeLessThan(0.9);
  });

  test('an in-sync recording: offset 0, high correlation, still mouth in pauses, steady forehead, identity kept', () => {
    const f = evaluate(syntheticRecording({ lag: 0 }));
    expect(f.avOffsetFrames).toBe(0);
    expect(f.lipSyncCorrelation!).toBeGreaterThan(0.95);
    expect(f.lipSyncMae!).toBeLessThan(0.1);
    expect(f.silentLipMad!).toBeLessThan(1e-6); // float32 landmarks of a rolled face: rounding only
    expect(f.lipDynamics!).toBeGreaterThan(0);
    expect(f.jitterStill!).toBeLessThan(1e-5);
    expect(f.jitterFace!).toBeGreaterThan(f.jitterStill!);
    expect(f.identityMax!).toBeLessThan(1e-5);
  });

  test('summaries of the runner measurements: PSNR capped at 100 dB, SSIM mean/min, real-time factor from the summed stages', () => {
    const f = evaluate(syntheticRecording());
    expect(f.backgroundPsnrMin).toBeCloseTo(48.3, 9);
    expect(f.backgroundPsnrMean).toBeCloseTo((52.1 + 48.3 + 100) / 3, 9);
    expect(f.faceSsimMean).toBeCloseTo(0.96, 9);
    expect(f.faceSsimMin).toBeCloseTo(0.95, 9);
    expect(f.realTimeFactor).toBeCloseTo(4.9 / 8, 9);
    expect(JSON.parse(JSON.stringify(f))).toEqual(f);
  });

  test('a total timing, when given, is used instead of the sum', () => {
    const r = syntheticRecording();
    r.timings = { ...r.timings, total: 4000 };
    expect(evaluate(r).realTimeFactor).toBeCloseTo(0.5, 9);
  });

  test('dropped frames lower re-detection; figures stay defined over the frames left', () => {
    const f = evaluate(syntheticRecording({ dropEvery: 10 }));
    expect(f.faceRedetectionRate).toBeCloseTo(0.9, 9);
    expect(f.avOffsetFrames).toBe(0);
    expect(f.jitterFace).not.toBeNull();
  });

  test('figures without their inputs are null, not NaN', () => {
    const r = syntheticRecording();
    delete r.backgroundPsnr;
    delete r.faceSsim;
    delete r.timings;
    r.landmarks = r.landmarks.map(() => null);
    const f = evaluate(r);
    for (const key of ['backgroundPsnrMean', 'faceSsimMean', 'realTimeFactor', 'lipSyncCorrelation', 'avOffsetFrames', 'jitterFace', 'identityMean'] as const) {
      expect(f[key], key).toBeNull();
    }
    expect(f.faceRedetectionRate).toBe(0);
  });
});

describe('checkThresholds', () => {
  test('a good recording passes the default CI limits', () => {
    expect(checkThresholds(evaluate(syntheticRecording()))).toEqual([]);
  });

  test('each broken default limit is reported once, naming the pair and the figure', () => {
    const r = syntheticRecording({ name: 'people_0 × radio31', lag: 3, dropEvery: 20 });
    r.backgroundPsnr = [50, 41.23];
    const failures = checkThresholds(evaluate(r));
    const figures = failures.map((f) => f.figure);
    expect(figures).toContain('faceRedetectionRate');
    expect(figures).toContain('avOffsetFrames');
    expect(figures).toContain('backgroundPsnrMin');
    expect(new Set(figures).size).toBe(figures.length);
    const offset = failures.find((f) => f.figure === 'avOffsetFrames')!;
    expect(offset.message).toBe('people_0 × radio31: A/V offset |3| frames is above 1 frames');
    expect(failures.find((f) => f.figure === 'backgroundPsnrMin')!.message).toContain('41.23 dB is below 45 dB');
    expect(failures.find((f) => f.figure === 'faceRedetectionRate')!.message).toBe('people_0 × radio31: face re-detection 95% is below 100%');
  });

  test('a negative offset is judged by its size', () => {
    const f = evaluate(syntheticRecording({ lag: -2 }));
    expect(f.avOffsetFrames).toBe(-2);
    expect(checkThresholds(f, DEFAULT_THRESHOLDS.filter((r) => r.figure === 'avOffsetFrames'))).toHaveLength(1);
  });

  test('a figure a limit covers but that was not measured fails', () => {
    const r = syntheticRecording();
    delete r.backgroundPsnr;
    const failures = checkThresholds(evaluate(r));
    expect(failures.map((f) => f.message)).toEqual(['astronaut × syllables: background PSNR (worst frame) could not be measured']);
  });

  test('custom rules: a maximum on the real-time factor', () => {
    const f = evaluate(syntheticRecording());
    expect(checkThresholds(f, [{ figure: 'realTimeFactor', label: 'real-time factor', max: 0.5 }])).toHaveLength(1);
    expect(checkThresholds(f, [{ figure: 'realTimeFactor', label: 'real-time factor', max: 1 }])).toHaveLength(0);
  });
});

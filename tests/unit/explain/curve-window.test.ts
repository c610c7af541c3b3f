import { describe, expect, it } from 'vitest';
import { MOTION_TRACK_VERSION, neutralFrame, type MotionFrame, type MotionTrack } from '../../../src/contracts/motion.ts';
import { CURVES, curveWindow, formatCurveValue, plotHeight, sampleCurve } from '../../../src/studio/explain/curve-window.ts';

const spec = (key: string) => CURVES.find((c) => c.key === key)!;

/** A 10-minute track whose frames count how often they are read. */
function countedTrack(frames: number): { track: MotionTrack; reads: Set<number> } {
  const reads = new Set<number>();
  const list = Array.from({ length: frames }, (_, i) => {
    const f = neutralFrame(i / 25);
    f.blendshapes.jawOpen = (i % 50) / 50;
    f.head.yaw = 0.1;
    return f;
  });
  const proxy = new Proxy(list, {
    get(target, prop, receiver) {
      if (typeof prop === 'string' && /^\d+$/.test(prop)) reads.add(Number(prop));
      return Reflect.get(target, prop, receiver) as MotionFrame;
    },
  });
  return { track: { version: MOTION_TRACK_VERSION, fps: 25, frameCount: frames, frames: proxy, markers: [], source: {} }, reads };
}

describe('curve window', () => {
  it('spans 3 s back and 1 s ahead, clamped to the frames that exist', () => {
    expect(curveWindow(1000, 15000, 25)).toEqual({ from: 925, to: 1025, first: 925, last: 1025 });
    expect(curveWindow(10, 15000, 25)).toEqual({ from: -65, to: 35, first: 0, last: 35 });
    expect(curveWindow(14990, 15000, 25)).toEqual({ from: 14915, to: 15015, first: 14915, last: 14999 });
  });

  it('reads only the window’s frames from a 10-minute track', () => {
    const { track, reads } = countedTrack(15000);
    const w = curveWindow(9000, track.frameCount, track.fps);
    const values = sampleCurve(track, spec('jawOpen'), w);
    expect(values.length).toBe(101);
    expect(values[0]).toBeCloseTo(((9000 - 75) % 50) / 50, 6);
    expect(Math.min(...reads)).toBe(8925);
    expect(Math.max(...reads)).toBe(9025);
    expect(reads.size).toBe(101);
  });

  it('shows head angles in degrees and shares as percentages', () => {
    const f = neutralFrame();
    f.head.yaw = 0.1;
    f.blendshapes.eyeBlinkLeft = 1;
    expect(spec('yaw').read(f)).toBeCloseTo(5.73, 2);
    expect(spec('eyeBlink').read(f)).toBe(0.5);
    expect(formatCurveValue(spec('yaw'), 5.73)).toBe('+6°');
    expect(formatCurveValue(spec('roll'), -3.2)).toBe('−3°');
    expect(formatCurveValue(spec('roll'), 0.2)).toBe('0°');
    expect(formatCurveValue(spec('jawOpen'), 0.426)).toBe('43%');
  });

  it('places values on a fixed scale, clamped at its edges', () => {
    expect(plotHeight(spec('jawOpen'), 0)).toBe(0);
    expect(plotHeight(spec('jawOpen'), 2)).toBe(1);
    expect(plotHeight(spec('yaw'), 0)).toBe(0.5);
    expect(plotHeight(spec('yaw'), -90)).toBe(0);
  });
});

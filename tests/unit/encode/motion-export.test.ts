import { describe, expect, it } from 'vitest';
import { ARKIT_BLENDSHAPES, MOTION_TRACK_VERSION, neutralFrame, type MotionTrack } from '../../../src/contracts/motion.ts';
import { arkitCsv, LIVE_LINK_FACE_COLUMNS, liveLinkTimecode, motionTrackJson } from '../../../src/encode/motion-export.ts';

function track(fps: number, n: number): MotionTrack {
  const frames = Array.from({ length: n }, (_, i) => {
    const f = neutralFrame(i / fps);
    f.blendshapes = { jawOpen: i / n, eyeBlinkLeft: 0.25, tongueOut: 1 };
    f.head.yaw = 0.1;
    f.gaze = { x: -0.05, y: 0.02 };
    return f;
  });
  return { version: MOTION_TRACK_VERSION, fps, frameCount: n, frames, markers: [{ kind: 'speech', start: 0, end: 1 }], source: { seed: 7 } };
}

describe('Live Link Face CSV', () => {
  it('has the header Live Link Face writes: Timecode, BlendShapeCount, 52 shapes, 9 rotations', () => {
    expect(LIVE_LINK_FACE_COLUMNS).toHaveLength(63);
    expect(LIVE_LINK_FACE_COLUMNS.slice(0, 4)).toEqual(['Timecode', 'BlendShapeCount', 'EyeBlinkLeft', 'EyeLookDownLeft']);
    // Live Link Face's jaw order is Forward, Right, Left, Open, and mouth Right precedes Left.
    expect(LIVE_LINK_FACE_COLUMNS.slice(16, 20)).toEqual(['JawForward', 'JawRight', 'JawLeft', 'JawOpen']);
    expect(LIVE_LINK_FACE_COLUMNS.slice(23, 25)).toEqual(['MouthRight', 'MouthLeft']);
    expect(LIVE_LINK_FACE_COLUMNS.slice(53)).toEqual([
      'TongueOut', 'HeadYaw', 'HeadPitch', 'HeadRoll', 'LeftEyeYaw', 'LeftEyePitch', 'LeftEyeRoll', 'RightEyeYaw', 'RightEyePitch', 'RightEyeRoll',
    ]);
  });

  it('writes one row per frame with values in the columns named for them', () => {
    const rows = arkitCsv(track(30, 3)).trimEnd().split('\n').map((r) => r.split(','));
    expect(rows).toHaveLength(4);
    const col = (name: string) => LIVE_LINK_FACE_COLUMNS.indexOf(name);
    expect(rows.every((r) => r.length === 63)).toBe(true);
    expect(rows[1]![col('BlendShapeCount')]).toBe('61');
    expect(rows[2]![col('JawOpen')]).toBe(String(Number((1 / 3).toFixed(6))));
    expect(rows[1]![col('EyeBlinkLeft')]).toBe('0.25');
    expect(rows[1]![col('TongueOut')]).toBe('1');
    expect(rows[1]![col('MouthSmileLeft')]).toBe('0');
    expect(rows[1]![col('HeadYaw')]).toBe('0.1');
    expect(rows[1]![col('RightEyeYaw')]).toBe('-0.05');
    expect(rows.slice(1).map((r) => r[0])).toEqual(['00:00:00:00.000', '00:00:00:01.000', '00:00:00:02.000']);
  });

  it('counts hours, minutes, seconds and frames at the track rate', () => {
    expect(liveLinkTimecode(3661 + 59 / 60, 60)).toBe('01:01:01:59.000');
    expect(liveLinkTimecode(2.5, 30)).toBe('00:00:02:15.000');
    expect(liveLinkTimecode(1 / 60, 30)).toBe('00:00:00:00.500');
  });

  it('keeps the ARKit name list in the order the CSV needs', () => {
    expect(ARKIT_BLENDSHAPES).toHaveLength(52);
  });
});

describe('MotionTrack JSON', () => {
  it('round-trips', () => {
    const t = track(25, 5);
    expect(JSON.parse(motionTrackJson(t))).toEqual(t);
  });
});

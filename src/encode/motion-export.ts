/**
 * The motion itself as files animators can use elsewhere: the MotionTrack as
 * JSON (our own contract, reloadable), and the ARKit curves as CSV in the
 * column layout Epic's Live Link Face app writes when a take is exported.
 */
import { ARKIT_BLENDSHAPES, type MotionTrack } from '../contracts/motion.ts';

/** Pretty enough to diff, compact enough for long takes (one frame per line would double the size). */
export function motionTrackJson(track: MotionTrack): string {
  return JSON.stringify(track);
}

/**
 * Live Link Face CSV header. Source: the column list of Live Link Face CSV
 * exports as published by the open importers that read them (e.g.
 * JimWest/PyLiveLinkFace, the Blender LiveLinkFace add-on): Timecode,
 * BlendShapeCount, the 52 ARKit shapes in Apple's ARFaceAnchor order with
 * PascalCase names, then head and eye rotations. Our ARKIT_BLENDSHAPES is in
 * that order already, so the names are only capitalised here, not re-sorted.
 */
export const LIVE_LINK_FACE_COLUMNS: readonly string[] = [
  'Timecode',
  'BlendShapeCount',
  ...ARKIT_BLENDSHAPES.map((n) => n[0]!.toUpperCase() + n.slice(1)),
  'HeadYaw', 'HeadPitch', 'HeadRoll',
  'LeftEyeYaw', 'LeftEyePitch', 'LeftEyeRoll',
  'RightEyeYaw', 'RightEyePitch', 'RightEyeRoll',
];

/** Live Link Face writes 61: the 52 shapes plus the 9 rotation columns. */
const BLEND_SHAPE_COUNT = 61;

/**
 * `HH:MM:SS:FF.mmm`: SMPTE-style hours, minutes, seconds and frame number at
 * the take's frame rate, plus a sub-frame fraction (Live Link Face's form).
 * Our frames sit on exact frame times, so the fraction is .000 unless a
 * track's times drift from index/fps.
 */
export function liveLinkTimecode(seconds: number, fps: number): string {
  const totalFrames = seconds * fps;
  // Guard against 2.9999999 frames becoming frame 2 with fraction .999.
  const whole = Math.floor(totalFrames + 1e-6);
  const sub = Math.max(0, Math.round((totalFrames - whole) * 1000));
  const perSecond = Math.round(fps);
  const ff = whole % perSecond;
  const s = Math.floor(whole / perSecond);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(Math.floor(s / 3600))}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}:${pad(ff)}.${pad(Math.min(sub, 999), 3)}`;
}

/**
 * One row per MotionFrame. Weights are written with 6 decimals (ARKit gives
 * float32, ~7 significant digits). Rotations are in radians, as in our
 * contract; eyes have no roll in our motion, so those columns are 0. Both eyes
 * share our single gaze (we do not model vergence).
 */
export function arkitCsv(track: MotionTrack): string {
  const rows = [LIVE_LINK_FACE_COLUMNS.join(',')];
  const num = (v: number) => (Number.isFinite(v) ? Number(v.toFixed(6)).toString() : '0');
  for (const f of track.frames) {
    const cells = [liveLinkTimecode(f.time, track.fps), String(BLEND_SHAPE_COUNT)];
    for (const name of ARKIT_BLENDSHAPES) cells.push(num(f.blendshapes[name] ?? 0));
    cells.push(num(f.head.yaw), num(f.head.pitch), num(f.head.roll));
    cells.push(num(f.gaze.x), num(f.gaze.y), '0', num(f.gaze.x), num(f.gaze.y), '0');
    rows.push(cells.join(','));
  }
  return rows.join('\n') + '\n';
}

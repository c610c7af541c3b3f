/**
 * Edits a person makes to a synthesised track on the timeline, kept as plain
 * data: they are saved in the project and re-applied after every
 * re-synthesis, and the synthesised track itself is never changed.
 *
 * Edits apply in order, each to the result of the ones before, so a later
 * edit over the same time wins where they overlap. Ranges are clamped to the
 * track; an edit whose range or blink is not in the track does nothing (a
 * re-synthesis with another seed may have moved the blink it was made on).
 * The same edits on the same track always give the same frames.
 */
import type { MotionMarker, MotionTrack } from '../contracts/motion.ts';
import { baseEmotion } from './edits/base-emotion.ts';
import { applyEmotion } from './edits/emotion-range.ts';
import { FrameWriter } from './edits/frame-writer.ts';
import { moveBlink } from './edits/move-blink.ts';
import { applyMute, type MuteTarget } from './edits/mute-range.ts';
import { rangeEnvelope } from './edits/range-envelope.ts';
import type { EmotionName } from './styles.ts';

export type TrackEdit =
  /** The blink marker that started at `from` s now starts at `to` s. */
  | { kind: 'moveBlink'; id: string; from: number; to: number }
  /** The face rests on `emotion` at `intensity` (0–1) over [start, end] s. */
  | { kind: 'emotion'; id: string; start: number; end: number; emotion: EmotionName; intensity: number }
  /** The head (or everything but the mouth and the blinks) eases to rest over [start, end] s. */
  | { kind: 'mute'; id: string; start: number; end: number; what: MuteTarget };

export type { MuteTarget } from './edits/mute-range.ts';
export { EDIT_RAMP_SECONDS } from './edits/range-envelope.ts';

/** A new track with the edits applied; `track` is left as it was. */
export function applyEdits(track: MotionTrack, edits: readonly TrackEdit[]): MotionTrack {
  const frames = new FrameWriter(track.frames);
  const markers: MotionMarker[] = track.markers.slice();
  const base = baseEmotion(track);
  for (const edit of edits) {
    if (edit.kind === 'moveBlink') {
      moveBlink(frames, markers, track.fps, edit.from, edit.to);
      continue;
    }
    const range = rangeEnvelope(edit.start, edit.end, track.fps, frames.length);
    if (!range) continue;
    if (edit.kind === 'emotion') applyEmotion(frames, range, base, edit.emotion, edit.intensity);
    else applyMute(frames, range, base, edit.what);
  }
  return { ...track, frames: frames.frames, markers };
}

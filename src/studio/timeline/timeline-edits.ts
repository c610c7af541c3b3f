/**
 * What the timeline's gestures do to the list of edits: new edits are
 * appended (order matters, later edits win), moving the same blink again
 * updates the edit that moved it, and every edit has a short description for
 * the list and for screen readers.
 */
import type { MotionTrack } from '../../contracts/motion.ts';
import { findBlink } from '../../motion/edits/move-blink.ts';
import { EMOTIONS, type EmotionName } from '../../motion/styles.ts';
import type { MuteTarget, TrackEdit } from '../../motion/track-edits.ts';
import { formatTime } from './timeline-scale.ts';

/** The same tolerance applyEdits uses to find a blink by its start. */
const SAME_BLINK_SECONDS = 0.02;

export type RangeChoice = { kind: 'emotion'; emotion: EmotionName; intensity: number } | { kind: 'mute'; what: MuteTarget };

/** An id not used by any edit in the list; deterministic, so saved projects stay diffable. */
export function nextEditId(edits: readonly TrackEdit[]): string {
  let max = 0;
  for (const e of edits) {
    const n = /^e(\d+)$/.exec(e.id);
    if (n) max = Math.max(max, Number(n[1]));
  }
  return `e${max + 1}`;
}

/**
 * The blink now starting at `current` (after the edits so far) is dropped at
 * `to`. If an edit already moved it there, that edit is updated (and removed
 * when the blink is back where synthesis put it), so dragging one blink
 * around leaves one edit, not a trail of them.
 */
export function moveBlinkEdit(edits: readonly TrackEdit[], current: number, to: number): TrackEdit[] {
  const earlier = edits.findIndex((e) => e.kind === 'moveBlink' && Math.abs(e.to - current) <= SAME_BLINK_SECONDS);
  if (earlier < 0) {
    if (Math.abs(to - current) < 1e-9) return edits.slice();
    return [...edits, { kind: 'moveBlink', id: nextEditId(edits), from: current, to }];
  }
  const e = edits[earlier] as Extract<TrackEdit, { kind: 'moveBlink' }>;
  const next = edits.slice();
  if (Math.abs(to - e.from) < 1e-9) next.splice(earlier, 1);
  else next[earlier] = { ...e, to };
  return next;
}

export function rangeEdit(edits: readonly TrackEdit[], start: number, end: number, choice: RangeChoice): TrackEdit[] {
  const s = Math.min(start, end);
  const e = Math.max(start, end);
  const id = nextEditId(edits);
  const edit: TrackEdit = choice.kind === 'emotion'
    ? { kind: 'emotion', id, start: s, end: e, emotion: choice.emotion, intensity: Math.max(0, Math.min(1, choice.intensity)) }
    : { kind: 'mute', id, start: s, end: e, what: choice.what };
  return [...edits, edit];
}

export function removeEdit(edits: readonly TrackEdit[], id: string): TrackEdit[] {
  return edits.filter((e) => e.id !== id);
}

export function undoLast(edits: readonly TrackEdit[]): TrackEdit[] {
  return edits.slice(0, -1);
}

export function emotionLabel(e: EmotionName): string {
  return e.charAt(0).toUpperCase() + e.slice(1);
}

export function describeEdit(e: TrackEdit): string {
  const range = (s: number, t: number) => `${formatTime(s)} – ${formatTime(t)}`;
  switch (e.kind) {
    case 'moveBlink':
      // Hundredths: blinks move by frames (0.04 s at 25 fps), which tenths would hide.
      return `Blink moved ${formatTime(e.from, 0.01)} → ${formatTime(e.to, 0.01)}`;
    case 'emotion':
      return `${emotionLabel(e.emotion)} ${Math.round(e.intensity * 100)}%, ${range(e.start, e.end)}`;
    case 'mute':
      return `${e.what === 'head' ? 'Head muted' : 'All but lips muted'}, ${range(e.start, e.end)}`;
  }
}

export { EMOTIONS };

/**
 * Edits that do nothing on this track: after a re-synthesis (another seed or
 * style) a moved blink may no longer exist, and a range may lie past a
 * shorter recording's end. The list shows them so they can be deleted.
 */
export function idleEdits(track: MotionTrack, edits: readonly TrackEdit[]): Set<string> {
  const end = track.frameCount > 0 ? (track.frameCount - 1) / track.fps : 0;
  const idle = new Set<string>();
  for (const e of edits) {
    const applies = e.kind === 'moveBlink' ? findBlink(track.markers, e.from) >= 0 : Math.min(e.start, e.end) < end && Math.max(e.start, e.end) > 0;
    if (!applies) idle.add(e.id);
  }
  return idle;
}

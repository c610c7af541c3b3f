/**
 * The emotion a track was synthesised with, read back from its `source`, so
 * an edit can say "this range is happy" rather than "add happy on top of
 * whatever was there": the base emotion's resting face is taken out where the
 * edit's is put in.
 */
import type { MotionTrack } from '../../contracts/motion.ts';
import { EMOTIONS, emotionParams, type EmotionName, type EmotionParams } from '../styles.ts';

export function baseEmotion(track: MotionTrack): EmotionParams {
  const name = track.source['emotion'];
  const intensity = track.source['intensity'];
  if (typeof name !== 'string' || !(EMOTIONS as readonly string[]).includes(name)) return emotionParams('neutral');
  return emotionParams(name as EmotionName, typeof intensity === 'number' ? intensity : 1);
}

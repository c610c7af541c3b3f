/** The coloured ranges that show range edits on the head and expression lanes. */
import type { TrackEdit } from '../../motion/track-edits.ts';
import { EMOTION_COLOURS, MUTE_COLOUR } from './timeline-colours.ts';
import { emotionLabel } from './timeline-edits.ts';

export interface Band {
  start: number;
  end: number;
  colour: string;
  label: string;
  /** Muted ranges are hatched, emotions are washes of colour. */
  hatched?: boolean;
}

/** Emotions show on the expression lane; muting shows on the head lane, and on both when only the lips keep moving. */
export function editBands(edits: readonly TrackEdit[]): { head: Band[]; expression: Band[] } {
  const head: Band[] = [];
  const expression: Band[] = [];
  for (const e of edits) {
    if (e.kind === 'emotion') {
      expression.push({ start: e.start, end: e.end, colour: EMOTION_COLOURS[e.emotion], label: `${emotionLabel(e.emotion)} ${Math.round(e.intensity * 100)}%` });
    } else if (e.kind === 'mute') {
      const band = { start: e.start, end: e.end, colour: MUTE_COLOUR, hatched: true };
      head.push({ ...band, label: e.what === 'head' ? 'Head muted' : 'Muted' });
      if (e.what === 'all-but-lips') expression.push({ ...band, label: 'Brows & gaze muted' });
    }
  }
  return { head, expression };
}

/**
 * The captions under each view, written for a classroom: one or two plain
 * sentences, no jargon a twelve-year-old would need explained. Numbers in
 * them come from the rig and the track shown, never from assumptions.
 */
import type { PhotoAnalysis } from '../../contracts/analysis.ts';
import type { ChunkWindow } from './chunk-windows.ts';

export function meshCaption(faceVertexCount: number, analysis: PhotoAnalysis | null): string {
  if (faceVertexCount === 0) return 'No face was found in this photo, so there is no face mesh to show. Try a photo where the face is clearly visible.';
  const count = analysis?.faces[0]?.landmarkCount ?? faceVertexCount;
  const irises = count > faceVertexCount ? ` (${count - faceVertexCount} of them outline the irises, drawn as green circles)` : '';
  return `The face mesh: ${count} points the vision model found on the photo${irises}, joined into triangles. Moving these points moves the picture.`;
}

export function weightsCaption(regions: number): string {
  if (regions === 0) return 'Nothing in this photo is rigged to move, so there are no layers to colour.';
  return 'Each colour is a part of the picture moved by a different motion. Where a colour fades, that part only follows part of the way, so the neck bends instead of tearing.';
}

/**
 * How much motion each chunk adds (the step from one chunk's start to the
 * next) and how much neighbours overlap: medians, since the last chunk is
 * usually shorter. A lone chunk's step is its whole length.
 */
export function chunkTiming(windows: readonly ChunkWindow[]): { length: number; overlap: number } | null {
  if (windows.length === 0) return null;
  const median = (xs: number[]) => {
    const sorted = [...xs].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)]!;
  };
  if (windows.length === 1) return { length: windows[0]!.end - windows[0]!.start, overlap: 0 };
  const steps: number[] = [];
  const overlaps: number[] = [];
  for (let i = 0; i + 1 < windows.length; i++) {
    steps.push(windows[i + 1]!.start - windows[i]!.start);
    overlaps.push(Math.max(0, windows[i]!.end - windows[i + 1]!.start));
  }
  return { length: median(steps), overlap: median(overlaps) };
}

export function seconds(x: number): string {
  const r = Math.round(x * 10) / 10;
  return `${r} second${r === 1 ? '' : 's'}`;
}

export function chunkCaption(windows: readonly ChunkWindow[]): string {
  const t = chunkTiming(windows);
  if (!t) return 'The model makes motion a few seconds at a time, but this track did not record where its pieces begin and end.';
  const made = `The model makes the motion ${seconds(t.length)} at a time, so the video can start before the whole recording is processed.`;
  if (t.overlap <= 0) return `${made} Each piece starts exactly where the last one stopped.`;
  // "Hands over" is true of both ways a synthesis can join chunks: a cross-fade, or state carried across a lookahead.
  return `${made} Neighbouring pieces overlap by ${seconds(t.overlap)} (the ✕ marks), where one hands over to the next, so you cannot see the join.`;
}

export const CURVES_CAPTION =
  'How far the jaw opens, the smile, blinks and the turn, nod and tilt of the head, moment by moment. Left of the orange line has played; the faint part is what comes next.';

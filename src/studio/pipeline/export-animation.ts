/**
 * Rig + motion track + driver audio → a file, through the renderer and the
 * encode worker. The encode client trims a copy of the driver's audio to the
 * video, so the caller's samples stay intact for the preview.
 */
import type { MotionTrack } from '../../contracts/motion.ts';
import type { ExportFormat, ExportResult } from '../../encode/export-options.ts';
import type { PcmAudio } from '../../encode/pcm-audio.ts';
import type { CropRect } from '../../render/frame-renderer.ts';
import { encodeClient, type RunOptions } from '../encode-client.ts';
import { renderedFrames } from './rendered-frames.ts';

export interface AnimationExport {
  track: MotionTrack;
  format: ExportFormat;
  width: number;
  height: number;
  crop?: CropRect;
  /** The driver audio; omitted → a silent video. PNG sequences carry none. */
  audio?: PcmAudio;
  name: string;
}

export async function exportAnimation(e: AnimationExport, run: RunOptions = {}): Promise<ExportResult> {
  const background = e.format === 'webm-alpha' ? 'transparent' : 'photo';
  const source = renderedFrames(e.track, { width: e.width, height: e.height, background, crop: e.crop });
  const audio = e.format === 'png-zip' ? undefined : e.audio;
  return encodeClient.exportVideo(source, { format: e.format, audio, name: e.name }, run);
}

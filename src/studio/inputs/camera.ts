/**
 * The webcam for a snapshot: open, grab one frame as a PNG, stop. Stopping
 * every track matters: until then the camera light stays on and other apps
 * cannot use the camera.
 */
import { CameraUnavailableError } from './input-errors.ts';

export async function openCamera(): Promise<MediaStream> {
  if (!navigator.mediaDevices?.getUserMedia) throw new CameraUnavailableError('getUserMedia is missing (not a secure context?)');
  try {
    // Ask for a large frame: a snapshot is the photo the whole video is made from.
    return await navigator.mediaDevices.getUserMedia({
      video: { width: { ideal: 1920 }, height: { ideal: 1080 }, facingMode: 'user' },
      audio: false,
    });
  } catch (e) {
    throw new CameraUnavailableError(e instanceof Error ? `${e.name}: ${e.message}` : String(e), { cause: e });
  }
}

export function stopCamera(stream: MediaStream | null | undefined): void {
  for (const track of stream?.getTracks() ?? []) track.stop();
}

/**
 * The video's current frame as PNG, unmirrored: the live view is shown
 * mirrored because that is what people expect of a selfie camera, but the
 * photo must be the real scene.
 */
export async function snapshot(video: HTMLVideoElement): Promise<Blob> {
  const width = video.videoWidth;
  const height = video.videoHeight;
  if (!width || !height) throw new CameraUnavailableError('the camera has not delivered a frame yet');
  const canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new CameraUnavailableError('no 2D canvas for the snapshot');
  ctx.drawImage(video, 0, 0, width, height);
  return canvas.convertToBlob({ type: 'image/png' });
}

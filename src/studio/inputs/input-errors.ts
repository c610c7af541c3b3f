/**
 * Errors raised while taking in a photo or a voice. Each names the problem in
 * words the person can act on; they are registered like every stage's errors
 * so `userMessageOf` and `reviveError` know them.
 *
 * A few carry details (the size that was too large, the type that was found),
 * so their userMessage is computed from constructor arguments; the message is
 * still a plain string by the time the UI reads it.
 */
import { VivifyError, registerError } from '../../contracts/errors.ts';
import { IMAGE_LIMITS } from './image-checks.ts';

/** Not a photo format the browser decodes (a PDF, a RAW file, a text file…). */
export class UnsupportedPhotoError extends VivifyError {
  static override readonly errorName = 'UnsupportedPhotoError';
  readonly userMessage = 'This file is not a photo Vivify can read. Choose a JPEG, PNG, WebP, GIF, AVIF or BMP image.';
}

/** HEIC/HEIF: what iPhones save by default, and what Chrome cannot decode. */
export class HeicPhotoError extends VivifyError {
  static override readonly errorName = 'HeicPhotoError';
  readonly userMessage =
    'This is a HEIC photo (the iPhone default), which browsers cannot read. Export it as JPEG (in Photos: Share › Options › "Most compatible", or on a Mac: File › Export) and choose that.';
}

/** The header says it is an image, but the browser could not decode it (truncated, damaged). */
export class CorruptPhotoError extends VivifyError {
  static override readonly errorName = 'CorruptPhotoError';
  readonly userMessage = 'This photo is damaged and could not be opened. Open it in another program and save a fresh copy, or choose another photo.';
}

/** Larger than Vivify will decode; see IMAGE_LIMITS for why the limit is where it is. */
export class PhotoTooLargeError extends VivifyError {
  static override readonly errorName = 'PhotoTooLargeError';
  readonly userMessage: string;
  constructor(message: string, readonly size?: { width: number; height: number }) {
    super(message);
    const mp = IMAGE_LIMITS.maxMegapixels;
    const side = IMAGE_LIMITS.maxSide;
    const what = size ? `This photo is ${size.width} × ${size.height} pixels (${(size.width * size.height / 1e6).toFixed(0)} megapixels). ` : 'This photo is too large. ';
    this.userMessage = `${what}Vivify opens photos up to ${mp} megapixels and ${side} pixels on a side. Save a smaller copy (about 4000 pixels on the long side is plenty) and choose that.`;
  }
}

/** The camera could not be opened: refused, absent, or used by another program. */
export class CameraUnavailableError extends VivifyError {
  static override readonly errorName = 'CameraUnavailableError';
  readonly userMessage = 'The camera could not be opened. Allow camera access for this page in the browser (the icon in the address bar), close other apps using it, or choose a photo file instead.';
}

/** Not an audio or video container we recognise. */
export class UnsupportedAudioError extends VivifyError {
  static override readonly errorName = 'UnsupportedAudioError';
  readonly userMessage = 'This file is not audio Vivify can read. Choose a WAV, MP3, M4A/AAC, Ogg/Opus, FLAC or WebM file, or a video with sound.';
}

/** A recognised container whose audio could not be decoded (truncated, damaged, no audio track). */
export class CorruptAudioError extends VivifyError {
  static override readonly errorName = 'CorruptAudioError';
  readonly userMessage = 'This audio is damaged or has no sound track, so it could not be read. Export it again as WAV or MP3, or choose another file.';
}

/** Decoded fine but holds no sound above the silence threshold (see isSilent). */
export class SilentAudioError extends VivifyError {
  static override readonly errorName = 'SilentAudioError';
  readonly userMessage = 'This recording is silent: there is no voice in it to follow. Check that the right microphone is chosen and not muted, then record again, or choose another file.';
}

/** The microphone could not be opened, or the browser cannot record audio. */
export class MicrophoneUnavailableError extends VivifyError {
  static override readonly errorName = 'MicrophoneUnavailableError';
  readonly userMessage = 'The microphone could not be opened. Allow microphone access for this page in the browser (the icon in the address bar), check that one is connected, or choose an audio file instead.';
}

for (const ctor of [
  UnsupportedPhotoError,
  HeicPhotoError,
  CorruptPhotoError,
  PhotoTooLargeError,
  CameraUnavailableError,
  UnsupportedAudioError,
  CorruptAudioError,
  SilentAudioError,
  MicrophoneUnavailableError,
]) {
  registerError(ctor);
}

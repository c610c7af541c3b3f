/**
 * Errors the motion stage raises. Silence is not an error (it gets idle
 * motion); these are for input we cannot turn into samples at all.
 */
import { VivifyError, registerError } from '../contracts/errors.ts';

/** The bytes are not audio we can decode: corrupt, truncated, or a container with no readable track. */
export class AudioDecodeError extends VivifyError {
  static override readonly errorName = 'AudioDecodeError';
  readonly userMessage =
    'This audio could not be read. Save or export it as WAV, MP3, M4A, Ogg or FLAC and try again.';
}

/** The file decoded but holds no samples (a 0-byte file, or a header with no data). */
export class EmptyAudioError extends VivifyError {
  static override readonly errorName = 'EmptyAudioError';
  readonly userMessage = 'This audio file is empty. Choose a recording that has sound in it.';
}

registerError(AudioDecodeError);
registerError(EmptyAudioError);

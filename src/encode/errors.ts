/**
 * Errors the export stage raises. Each says what the person can do about it;
 * they are registered so they survive the trip back from the encode worker.
 */
import { VivifyError, registerError } from '../contracts/errors.ts';

/** Neither WebCodecs nor the ffmpeg.wasm fallback can make this format at this size. */
export class EncoderUnsupportedError extends VivifyError {
  static override readonly errorName = 'EncoderUnsupportedError';
  readonly userMessage =
    'This browser cannot encode video at this size and frame rate. Choose a smaller size or a lower frame rate, or use a current Chrome or Edge.';
}

/** An encoder failed part-way (a WebCodecs error callback, or ffmpeg returned non-zero). */
export class EncodeFailedError extends VivifyError {
  static override readonly errorName = 'EncodeFailedError';
  readonly userMessage = 'The video encoder stopped with an error. Try again; if it repeats, choose a smaller size or the other format.';
}

/** The file being written could not be stored (the disk or the browser quota is full). */
export class ExportStorageError extends VivifyError {
  static override readonly errorName = 'ExportStorageError';
  readonly userMessage = 'There was no room to write the video. Free some disk space and export again.';
}

/** An export call came in an order the session does not allow (e.g. a frame after finish). */
export class ExportStateError extends VivifyError {
  static override readonly errorName = 'ExportStateError';
  readonly userMessage = 'An export was already running or had already finished. Wait for it to end, then export again.';
}

registerError(EncoderUnsupportedError);
registerError(EncodeFailedError);
registerError(ExportStorageError);
registerError(ExportStateError);

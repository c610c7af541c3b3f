/**
 * A WebCodecs VideoEncoder that the producer has to wait for. `encode()`
 * returns only when the encoder's queue is short again, so a renderer that
 * is faster than the encoder is slowed to its pace instead of piling up
 * frames (each 1080p frame is 8 MB of GPU or shared memory).
 */
import { EncodeFailedError } from './errors.ts';

/**
 * Frames allowed in the encoder's queue before encode() waits. Two keeps the
 * hardware or software encoder busy while the next frame is being drawn;
 * more only adds memory.
 */
const MAX_QUEUE = 2;

export class PacedVideoEncoder {
  readonly #encoder: VideoEncoder;
  #failure: unknown;
  #wake: (() => void) | undefined;

  constructor(config: VideoEncoderConfig, output: EncodedVideoChunkOutputCallback) {
    this.#encoder = new VideoEncoder({
      output,
      error: (e) => {
        this.#failure = e;
        this.#wake?.();
      },
    });
    this.#encoder.addEventListener('dequeue', () => this.#wake?.());
    this.#encoder.configure(config);
  }

  get queueSize(): number {
    return this.#encoder.encodeQueueSize;
  }

  get open(): boolean {
    return this.#encoder.state !== 'closed';
  }

  /** Queues the frame (the caller still owns and closes it) and waits until there is room for the next. */
  async encode(frame: VideoFrame, keyFrame: boolean): Promise<void> {
    this.#throwIfFailed();
    this.#encoder.encode(frame, { keyFrame });
    while (this.#encoder.encodeQueueSize >= MAX_QUEUE && this.#encoder.state === 'configured' && !this.#failure) {
      await new Promise<void>((resolve) => (this.#wake = resolve));
    }
    this.#wake = undefined;
    this.#throwIfFailed();
  }

  async flush(): Promise<void> {
    this.#throwIfFailed();
    await this.#encoder.flush();
    this.#throwIfFailed();
  }

  /** Drops queued frames and releases the encoder; safe to call twice. */
  close(): void {
    if (this.#encoder.state !== 'closed') this.#encoder.close();
    this.#wake?.();
  }

  #throwIfFailed(): void {
    if (this.#failure) throw new EncodeFailedError(`VideoEncoder failed: ${String(this.#failure)}`, { cause: this.#failure });
    if (this.#encoder.state === 'closed') throw new EncodeFailedError('VideoEncoder was closed');
  }
}

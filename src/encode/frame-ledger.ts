/**
 * Counts the frames the encode worker owns. A VideoFrame holds decoder or GPU
 * memory until closed, and the GC does not see that memory, so a forgotten
 * close is a leak that only shows as the tab dying. Every frame the worker
 * receives or makes goes through here, and tests assert the count is 0 after
 * finish and after cancel.
 */
export type AnyFrame = VideoFrame | ImageBitmap;

export class FrameLedger {
  #live = new Set<AnyFrame>();

  adopt<F extends AnyFrame>(frame: F): F {
    this.#live.add(frame);
    return frame;
  }

  close(frame: AnyFrame | undefined | null): void {
    if (!frame) return;
    this.#live.delete(frame);
    frame.close();
  }

  closeAll(): void {
    for (const f of this.#live) f.close();
    this.#live.clear();
  }

  get live(): number {
    return this.#live.size;
  }
}

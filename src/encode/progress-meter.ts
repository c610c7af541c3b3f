/**
 * Progress for an export: frames done of total, with the encode rate and an
 * ETA in the note. Reports at most every 250 ms (a comlink message per frame
 * would cost more than encoding a 512×512 frame), plus the last frame.
 */
import type { ProgressCallback } from '../contracts/progress.ts';

const INTERVAL_MS = 250;

export class ProgressMeter {
  #start = 0;
  #last = 0;
  constructor(
    private readonly total: number,
    private readonly onProgress?: ProgressCallback,
  ) {}

  stage(stage: string, note?: string): void {
    this.#send({ stage, done: 0, total: 1, note });
  }

  frame(done: number): void {
    const now = performance.now();
    if (done === 1) this.#start = now;
    if (done < this.total && now - this.#last < INTERVAL_MS) return;
    this.#last = now;
    const fps = done > 1 ? ((done - 1) * 1000) / (now - this.#start) : 0;
    const eta = fps > 0 ? (this.total - done) / fps : NaN;
    this.#send({ stage: 'encode', done, total: this.total, note: formatRate(fps, eta) });
  }

  finished(): void {
    this.#send({ stage: 'done', done: this.total, total: this.total });
  }

  get elapsedSeconds(): number {
    return this.#start ? (performance.now() - this.#start) / 1000 : 0;
  }

  #send(p: Parameters<ProgressCallback>[0]): void {
    // A proxied callback returns a promise; a closed page must not fail the export.
    void Promise.resolve(this.onProgress?.(p)).catch(() => undefined);
  }
}

export function formatRate(fps: number, etaSeconds: number): string {
  if (!(fps > 0)) return 'starting';
  const eta = Number.isFinite(etaSeconds) ? `${Math.ceil(etaSeconds)} s left` : '';
  return `${fps.toFixed(1)} fps${eta ? `, ${eta}` : ''}`;
}

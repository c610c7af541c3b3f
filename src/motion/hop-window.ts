/**
 * A fixed-size window over a stream of per-hop records, addressed by absolute
 * hop index. The motion engine decides hop n while records up to n + lookahead
 * exist, and looks back a bounded distance; nothing older is kept, which is
 * what keeps memory flat for any length of audio.
 */
export class HopWindow<T> {
  private readonly items: (T | undefined)[];
  private newest = -1;

  constructor(readonly capacity: number) {
    this.items = new Array<T | undefined>(capacity);
  }

  push(index: number, item: T): void {
    if (index !== this.newest + 1) throw new Error(`hop ${index} pushed after ${this.newest}`);
    this.items[index % this.capacity] = item;
    this.newest = index;
  }

  get last(): number {
    return this.newest;
  }

  /** The record at `index`, clamped into what is held (so edges repeat the nearest record). */
  at(index: number): T {
    const oldest = Math.max(0, this.newest - this.capacity + 1);
    const i = Math.max(oldest, Math.min(this.newest, index));
    const item = this.items[i % this.capacity];
    if (item === undefined) throw new Error('HopWindow is empty');
    return item;
  }
}

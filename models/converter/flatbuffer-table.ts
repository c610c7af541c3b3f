/**
 * Just enough of the FlatBuffers wire format to read a TFLite model: tables with
 * vtables, scalars, strings, vectors and unions. Everything is little-endian, and
 * every reference is a uint32 offset from the place it is stored.
 *
 * A hand-written reader instead of flatc output keeps the converter free of
 * generated code; TFLite uses only a small corner of the format.
 */

export class FlatTable {
  private readonly vtable: number;
  private readonly vtableSize: number;

  constructor(
    readonly view: DataView,
    readonly pos: number,
  ) {
    this.vtable = pos - view.getInt32(pos, true);
    this.vtableSize = view.getUint16(this.vtable, true);
  }

  static root(bytes: Uint8Array): FlatTable {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    return new FlatTable(view, view.getUint32(0, true));
  }

  /** Absolute position of field `slot`'s value, or 0 when the writer left it at its default. */
  private field(slot: number): number {
    const entry = 4 + 2 * slot;
    if (entry >= this.vtableSize) return 0;
    const rel = this.view.getUint16(this.vtable + entry, true);
    return rel === 0 ? 0 : this.pos + rel;
  }

  has(slot: number): boolean {
    return this.field(slot) !== 0;
  }

  private deref(at: number): number {
    return at + this.view.getUint32(at, true);
  }

  uint8(slot: number, fallback = 0): number {
    const at = this.field(slot);
    return at ? this.view.getUint8(at) : fallback;
  }

  int8(slot: number, fallback = 0): number {
    const at = this.field(slot);
    return at ? this.view.getInt8(at) : fallback;
  }

  bool(slot: number, fallback = false): boolean {
    const at = this.field(slot);
    return at ? this.view.getUint8(at) !== 0 : fallback;
  }

  int32(slot: number, fallback = 0): number {
    const at = this.field(slot);
    return at ? this.view.getInt32(at, true) : fallback;
  }

  uint32(slot: number, fallback = 0): number {
    const at = this.field(slot);
    return at ? this.view.getUint32(at, true) : fallback;
  }

  float32(slot: number, fallback = 0): number {
    const at = this.field(slot);
    return at ? this.view.getFloat32(at, true) : fallback;
  }

  /** uint64 as a JS number: TFLite uses these for file offsets, far below 2^53. */
  uint64(slot: number, fallback = 0): number {
    const at = this.field(slot);
    return at ? Number(this.view.getBigUint64(at, true)) : fallback;
  }

  string(slot: number): string | undefined {
    const bytes = this.bytes(slot);
    return bytes && new TextDecoder().decode(bytes);
  }

  table(slot: number): FlatTable | undefined {
    const at = this.field(slot);
    return at ? new FlatTable(this.view, this.deref(at)) : undefined;
  }

  /** Start and length of a vector's elements. */
  private vector(slot: number): { start: number; length: number } | undefined {
    const at = this.field(slot);
    if (!at) return undefined;
    const vec = this.deref(at);
    return { start: vec + 4, length: this.view.getUint32(vec, true) };
  }

  /** A view into the file, not a copy: callers copy when they need alignment. */
  bytes(slot: number): Uint8Array | undefined {
    const v = this.vector(slot);
    return v && new Uint8Array(this.view.buffer, this.view.byteOffset + v.start, v.length);
  }

  int32s(slot: number): number[] {
    return this.scalars(slot, 4, (p) => this.view.getInt32(p, true));
  }

  uint16s(slot: number): number[] {
    return this.scalars(slot, 2, (p) => this.view.getUint16(p, true));
  }

  uint8s(slot: number): number[] {
    return this.scalars(slot, 1, (p) => this.view.getUint8(p));
  }

  float32s(slot: number): number[] {
    return this.scalars(slot, 4, (p) => this.view.getFloat32(p, true));
  }

  int64s(slot: number): number[] {
    return this.scalars(slot, 8, (p) => Number(this.view.getBigInt64(p, true)));
  }

  tables(slot: number): FlatTable[] {
    const v = this.vector(slot);
    if (!v) return [];
    const out: FlatTable[] = [];
    for (let i = 0; i < v.length; i++) out.push(new FlatTable(this.view, this.deref(v.start + 4 * i)));
    return out;
  }

  private scalars(slot: number, width: number, read: (pos: number) => number): number[] {
    const v = this.vector(slot);
    if (!v) return [];
    const out = new Array<number>(v.length);
    for (let i = 0; i < v.length; i++) out[i] = read(v.start + width * i);
    return out;
  }
}

/**
 * A minimal FlexBuffers reader for TFLite custom-operator options, which
 * MediaPipe writes as one FlexBuffers map of scalars and typed vectors.
 *
 * Format, briefly: the last byte is the root's byte width, the one before is
 * its packed type (type << 2 | log2 of child width). References point
 * backwards. A map's values sit at its address with one type byte each after
 * them; before them come the offset to the keys vector, the keys' width and
 * the element count. Vectors store their length just before the elements.
 */

export type FlexValue = number | boolean | string | null | FlexValue[] | { [key: string]: FlexValue };

const T = {
  NULL: 0, INT: 1, UINT: 2, FLOAT: 3, KEY: 4, STRING: 5, INDIRECT_INT: 6, INDIRECT_UINT: 7, INDIRECT_FLOAT: 8,
  MAP: 9, VECTOR: 10, VECTOR_INT: 11, VECTOR_UINT: 12, VECTOR_FLOAT: 13, VECTOR_KEY: 14, BLOB: 25, BOOL: 26,
  VECTOR_BOOL: 36,
} as const;

export function readFlexBuffer(bytes: Uint8Array): FlexValue {
  if (bytes.length < 3) throw new Error('FlexBuffer too short');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const rootWidth = view.getUint8(bytes.length - 1);
  const packed = view.getUint8(bytes.length - 2);
  return new FlexReader(view).value(bytes.length - 2 - rootWidth, rootWidth, packed);
}

class FlexReader {
  constructor(private readonly view: DataView) {}

  private int(pos: number, width: number): number {
    switch (width) {
      case 1: return this.view.getInt8(pos);
      case 2: return this.view.getInt16(pos, true);
      case 4: return this.view.getInt32(pos, true);
      default: return Number(this.view.getBigInt64(pos, true));
    }
  }

  private uint(pos: number, width: number): number {
    switch (width) {
      case 1: return this.view.getUint8(pos);
      case 2: return this.view.getUint16(pos, true);
      case 4: return this.view.getUint32(pos, true);
      default: return Number(this.view.getBigUint64(pos, true));
    }
  }

  private float(pos: number, width: number): number {
    return width === 4 ? this.view.getFloat32(pos, true) : this.view.getFloat64(pos, true);
  }

  private cString(pos: number): string {
    let end = pos;
    while (this.view.getUint8(end) !== 0) end++;
    return new TextDecoder().decode(new Uint8Array(this.view.buffer, this.view.byteOffset + pos, end - pos));
  }

  /** A value stored at `pos` in a slot `width` bytes wide, whose packed type byte is `packed`. */
  value(pos: number, width: number, packed: number): FlexValue {
    const type = packed >> 2;
    const childWidth = 1 << (packed & 3);
    switch (type) {
      case T.NULL: return null;
      case T.INT: return this.int(pos, width);
      case T.UINT: return this.uint(pos, width);
      case T.FLOAT: return this.float(pos, width);
      case T.BOOL: return this.uint(pos, width) !== 0;
    }
    const target = pos - this.uint(pos, width);
    switch (type) {
      case T.INDIRECT_INT: return this.int(target, childWidth);
      case T.INDIRECT_UINT: return this.uint(target, childWidth);
      case T.INDIRECT_FLOAT: return this.float(target, childWidth);
      case T.KEY: return this.cString(target);
      case T.STRING: {
        const length = this.uint(target - childWidth, childWidth);
        return new TextDecoder().decode(new Uint8Array(this.view.buffer, this.view.byteOffset + target, length));
      }
      case T.MAP: return this.map(target, childWidth);
      case T.VECTOR: return this.vector(target, childWidth);
    }
    if (type >= T.VECTOR_INT && type <= T.VECTOR_KEY) return this.typedVector(target, childWidth, type - T.VECTOR_INT + T.INT);
    if (type === T.VECTOR_BOOL) return this.typedVector(target, childWidth, T.BOOL);
    throw new Error(`FlexBuffer type ${type} is not supported`);
  }

  private vector(target: number, width: number): FlexValue[] {
    const length = this.uint(target - width, width);
    const types = target + length * width;
    return Array.from({ length }, (_, i) => this.value(target + i * width, width, this.view.getUint8(types + i)));
  }

  private typedVector(target: number, width: number, elementType: number): FlexValue[] {
    const length = this.uint(target - width, width);
    // Elements of a typed vector are inline scalars, or keys referenced by offset.
    const packed = (elementType << 2) | Math.log2(width);
    return Array.from({ length }, (_, i) => this.value(target + i * width, width, packed));
  }

  private map(target: number, width: number): { [key: string]: FlexValue } {
    const values = this.vector(target, width);
    const keysField = target - 3 * width;
    const keysAt = keysField - this.uint(keysField, width);
    const keysWidth = this.uint(target - 2 * width, width);
    const keys = this.typedVector(keysAt, keysWidth, T.KEY) as string[];
    return Object.fromEntries(keys.map((k, i) => [k, values[i] ?? null]));
  }
}

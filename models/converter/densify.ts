/**
 * Expands a TFLite sparse tensor (SparsityParameters) to its dense form, as the
 * DENSIFY operator would at run time; the converter does it once, at build time.
 *
 * The stored values are walked in `traversal_order` over the expanded
 * dimensions: the tensor's own dimensions, then one extra per `block_map`
 * entry (the position inside a block). A DENSE level contributes every index
 * below its dense_size; a SPARSE_CSR level lists, for each parent position,
 * the indices between segments[p] and segments[p + 1]. Values are stored in
 * visiting order.
 */
import type { Sparsity } from './tflite-reader.ts';

type Elements = Float32Array | Uint16Array | Int8Array | Int32Array;

export function densify<T extends Elements>(values: T, denseShape: readonly number[], sparsity: Sparsity): T {
  const rank = denseShape.length;
  const { traversalOrder, blockMap, dimMetadata } = sparsity;
  const levels = traversalOrder.length;
  if (dimMetadata.length !== levels) throw new Error('sparsity: dim_metadata does not match traversal_order');

  const blockSize = blockMap.map((_, k) => {
    const level = traversalOrder.indexOf(rank + k);
    return dimMetadata[level]!.denseSize;
  });
  const strides = new Array<number>(rank).fill(1);
  for (let d = rank - 2; d >= 0; d--) strides[d] = strides[d + 1]! * denseShape[d + 1]!;

  const Ctor = values.constructor as new (n: number) => T;
  const total = denseShape.reduce((a, b) => a * b, 1);
  const out = new Ctor(total);
  const coords = new Array<number>(levels).fill(0);

  const place = (valueIndex: number) => {
    let flat = 0;
    for (let d = 0; d < rank; d++) {
      let c = coords[d]!;
      const k = blockMap.indexOf(d);
      if (k >= 0) c = c * blockSize[k]! + coords[rank + k]!;
      flat += c * strides[d]!;
    }
    out[flat] = values[valueIndex]!;
  };

  const visit = (level: number, parent: number) => {
    if (level === levels) {
      place(parent);
      return;
    }
    const meta = dimMetadata[level]!;
    const dim = traversalOrder[level]!;
    if (meta.format === 'DENSE') {
      for (let i = 0; i < meta.denseSize; i++) {
        coords[dim] = i;
        visit(level + 1, parent * meta.denseSize + i);
      }
    } else {
      for (let j = meta.segments[parent]!; j < meta.segments[parent + 1]!; j++) {
        coords[dim] = meta.indices[j]!;
        visit(level + 1, j);
      }
    }
  };
  visit(0, 0);
  return out;
}

/**
 * The buffers under a rig's typed arrays, each once: handing them to
 * postMessage as transferables moves a multi-megabyte rig between workers
 * without a copy. A buffer listed twice is a DataCloneError, hence the set.
 */
import type { Rig } from '../contracts/rig.ts';

export function rigBuffers(rig: Rig): ArrayBuffer[] {
  const found = new Set<ArrayBuffer>();
  const add = (a: ArrayBufferView | undefined) => {
    if (a && a.buffer instanceof ArrayBuffer && a.buffer.byteLength > 0) found.add(a.buffer);
  };
  for (const layer of rig.layers) {
    const { positions, uvs, opacity, indices } = layer.mesh;
    [positions, uvs, opacity, indices].forEach(add);
    if (layer.skin) [layer.skin.head, layer.skin.jaw, layer.skin.torso].forEach(add);
    add(layer.turnDepth);
  }
  for (const image of Object.values(rig.images)) add(image.data);
  for (const field of Object.values(rig.blendshapes ?? {})) add(field);
  return [...found];
}

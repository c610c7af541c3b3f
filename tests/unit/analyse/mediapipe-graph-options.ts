/**
 * Reads the attention model's refinement index lists out of the pinned
 * @mediapipe/face_mesh package, to check src/analyse/face-refinement.ts
 * against. The face-landmark subgraph is compiled into the solution's wasm as
 * a serialized CalculatorGraphConfig; its LandmarksRefinementCalculator node
 * carries LandmarksRefinementCalculatorOptions (extension 381914658 of
 * CalculatorOptions), whose repeated `refinement` (1) each hold repeated
 * `indexes_mapping` (1).
 */
import { readFileSync } from 'node:fs';

const WASM = new URL('../../../node_modules/@mediapipe/face_mesh/face_mesh_solution_simd_wasm_bin.wasm', import.meta.url);
const OPTIONS_EXTENSION = 381914658;

interface Field {
  field: number;
  value: number | Uint8Array;
}

function readVarint(buf: Uint8Array, at: number): [value: number, next: number] {
  let value = 0;
  let scale = 1;
  for (let i = at; ; i++) {
    value += (buf[i]! & 0x7f) * scale;
    scale *= 128;
    if (!(buf[i]! & 0x80)) return [value, i + 1];
  }
}

function parseMessage(buf: Uint8Array): Field[] {
  const out: Field[] = [];
  for (let i = 0; i < buf.length; ) {
    const [tag, afterTag] = readVarint(buf, i);
    const wire = tag & 7;
    if (wire === 0) {
      const [value, next] = readVarint(buf, afterTag);
      out.push({ field: Math.floor(tag / 8), value });
      i = next;
    } else if (wire === 2) {
      const [length, start] = readVarint(buf, afterTag);
      out.push({ field: Math.floor(tag / 8), value: buf.subarray(start, start + length) });
      i = start + length;
    } else {
      throw new Error(`wire type ${wire} not expected in the refinement options`);
    }
  }
  return out;
}

const sub = (fields: Field[], n: number) => fields.filter((f) => f.field === n).map((f) => f.value as Uint8Array);

/** Repeated int32: one varint per field, or packed into one length-delimited field. */
function ints(fields: Field[], n: number): number[] {
  const out: number[] = [];
  for (const f of fields.filter((g) => g.field === n)) {
    if (typeof f.value === 'number') out.push(f.value);
    else for (let i = 0; i < f.value.length; ) [out[out.length], i] = readVarint(f.value, i);
  }
  return out;
}

/** The six index lists (mesh, lips, image-left eye, image-right eye, image-left iris, image-right iris). */
export function refinementIndexLists(): number[][] {
  const wasm = new Uint8Array(readFileSync(WASM));
  const name = new TextEncoder().encode('\x12\x1dLandmarksRefinementCalculator');
  const at = Buffer.from(wasm).indexOf(name);
  if (at < 0) throw new Error('no LandmarksRefinementCalculator node in the face_mesh wasm; was the pinned package changed?');
  // The node starts with its own tag (field 1, length-delimited) and a varint length that ends where the name field begins.
  for (let start = at - 2; start >= at - 6; start--) {
    if (wasm[start] !== 0x0a) continue;
    const [length, body] = readVarint(wasm, start + 1);
    if (body !== at) continue;
    const node = parseMessage(wasm.subarray(body, body + length));
    const options = parseMessage(sub(node, 7)[0]!);
    const refinement = parseMessage(sub(options, OPTIONS_EXTENSION)[0]!);
    return sub(refinement, 1).map((r) => ints(parseMessage(r), 1));
  }
  throw new Error('could not frame the LandmarksRefinementCalculator node');
}

/**
 * Extracts MediaPipe's canonical face mesh (468 vertices with texture
 * coordinates, and its triangles) from geometry_pipeline_metadata_landmarks.binarypb
 * inside @mediapipe/face_mesh, into src/rig/canonical-face-mesh.json.
 *
 * The rig uses the triangles to mesh a photo's 468 landmarks, and the
 * canonical 3D positions as a prior for head depth. The JSON is committed
 * (the studio bundles it); a unit test re-extracts it and compares.
 *
 * Usage: tsx models/tools/extract-face-mesh.ts
 */
import { writeFileSync } from 'node:fs';
import { readMediapipeAsset } from '../converter/mediapipe-assets.ts';

export interface CanonicalFaceMesh {
  /** 468×3: x, y, z in centimetre-like units, y up, z towards the viewer. */
  positions: number[];
  /** 468×2: texture coordinates of the canonical face texture. */
  uvs: number[];
  /** triangles×3, vertex indices. */
  triangles: number[];
  source: string;
}

/** A protobuf field walker: just enough to read GeometryPipelineMetadata. */
function* fields(buf: Uint8Array): Generator<{ field: number; wire: number; value: number | Uint8Array }> {
  let i = 0;
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const varint = () => {
    let r = 0;
    let scale = 1;
    for (;;) {
      const b = buf[i++]!;
      r += (b & 0x7f) * scale;
      scale *= 128;
      if (!(b & 0x80)) return r;
    }
  };
  while (i < buf.length) {
    const tag = varint();
    const field = Math.floor(tag / 8);
    const wire = tag & 7;
    if (wire === 0) yield { field, wire, value: varint() };
    else if (wire === 5) {
      yield { field, wire, value: dv.getFloat32(i, true) };
      i += 4;
    } else if (wire === 2) {
      const len = varint();
      yield { field, wire, value: buf.subarray(i, i + len) };
      i += len;
    } else if (wire === 1) i += 8;
    else throw new Error(`unsupported protobuf wire type ${wire}`);
  }
}

// geometry_pipeline_metadata.proto: GeometryPipelineMetadata.canonical_mesh = 1 (Mesh3d);
// Mesh3d: vertex_type = 1 (0 = VERTEX_PT: x y z u v), primitive_type = 2 (0 = TRIANGLE),
// vertex_buffer = 3 (float), index_buffer = 4 (uint32); repeated fields may come packed or not.
export function parseCanonicalFaceMesh(binarypb: Uint8Array): Omit<CanonicalFaceMesh, 'source'> {
  let mesh: Uint8Array | undefined;
  for (const f of fields(binarypb)) if (f.field === 1 && f.value instanceof Uint8Array) mesh = f.value;
  if (!mesh) throw new Error('no canonical_mesh in the geometry metadata');
  const vertex: number[] = [];
  const index: number[] = [];
  for (const f of fields(mesh)) {
    if (f.field === 1 && f.value !== 0) throw new Error(`unexpected vertex type ${String(f.value)}`);
    if (f.field === 3) {
      if (typeof f.value === 'number') vertex.push(f.value);
      else for (let o = 0; o < f.value.length; o += 4) vertex.push(new DataView(f.value.buffer, f.value.byteOffset + o, 4).getFloat32(0, true));
    }
    if (f.field === 4) {
      if (typeof f.value === 'number') index.push(f.value);
      else for (const g of fields(concatPackedVarints(f.value))) index.push(g.value as number);
    }
  }
  if (vertex.length !== 468 * 5) throw new Error(`expected 468 VERTEX_PT vertices, found ${vertex.length / 5}`);
  if (index.length % 3 !== 0 || index.some((v) => v >= 468)) throw new Error('index buffer is not a list of triangles over 468 vertices');
  const positions: number[] = [];
  const uvs: number[] = [];
  for (let v = 0; v < 468; v++) {
    positions.push(...vertex.slice(v * 5, v * 5 + 3).map((x) => Math.fround(x)));
    uvs.push(...vertex.slice(v * 5 + 3, v * 5 + 5).map((x) => Math.fround(x)));
  }
  return { positions, uvs, triangles: index };
}

/** Packed varints re-tagged as field 1 so the walker can read them one by one. */
function concatPackedVarints(packed: Uint8Array): Uint8Array {
  const out: number[] = [];
  let i = 0;
  while (i < packed.length) {
    out.push(0x08);
    do out.push(packed[i]!);
    while (packed[i++]! & 0x80);
  }
  return Uint8Array.from(out);
}

export function extractCanonicalFaceMesh(nodeModules = 'node_modules'): CanonicalFaceMesh {
  const bytes = readMediapipeAsset(nodeModules, 'face_mesh', 'geometry_pipeline_metadata_landmarks.binarypb');
  return { ...parseCanonicalFaceMesh(bytes), source: '@mediapipe/face_mesh geometry_pipeline_metadata_landmarks.binarypb (Apache-2.0)' };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const mesh = extractCanonicalFaceMesh();
  writeFileSync('src/rig/canonical-face-mesh.json', JSON.stringify(mesh) + '\n');
  console.log(`canonical face mesh: ${mesh.positions.length / 3} vertices, ${mesh.triangles.length / 3} triangles`);
}

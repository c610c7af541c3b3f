/**
 * A uniform block declared once, in TypeScript, from which both the WGSL
 * struct text and the byte layout come: the two cannot drift apart.
 * Offsets follow WGSL's alignment rules for the types used here.
 */

type FieldType = 'f32' | 'u32' | 'vec2f' | 'vec4f';

const SIZE: Record<FieldType, number> = { f32: 4, u32: 4, vec2f: 8, vec4f: 16 };
const ALIGN: Record<FieldType, number> = { f32: 4, u32: 4, vec2f: 8, vec4f: 16 };

export interface UniformLayout<K extends string> {
  structName: string;
  /** The WGSL struct declaration. */
  wgsl: string;
  /** Bytes, rounded up to 16 as uniform buffers require. */
  size: number;
  /** Packs values (a number, or an array for vectors) into a buffer for writeBuffer. */
  pack(values: Record<K, number | readonly number[]>): ArrayBuffer;
}

export function uniformLayout<K extends string>(structName: string, fields: readonly (readonly [K, FieldType])[]): UniformLayout<K> {
  let offset = 0;
  const placed = fields.map(([name, type]) => {
    offset = Math.ceil(offset / ALIGN[type]) * ALIGN[type];
    const at = offset;
    offset += SIZE[type];
    return { name, type, at };
  });
  const size = Math.ceil(offset / 16) * 16;
  const wgsl = `struct ${structName} {\n${placed.map((f) => `  ${f.name}: ${f.type},`).join('\n')}\n};`;
  return {
    structName,
    wgsl,
    size,
    pack(values) {
      const buf = new ArrayBuffer(size);
      const f32 = new Float32Array(buf);
      const u32 = new Uint32Array(buf);
      for (const f of placed) {
        const v: number | readonly number[] = values[f.name];
        const list: readonly number[] = typeof v === 'number' ? [v] : v;
        if (list.length !== SIZE[f.type] / 4) throw new RangeError(`${structName}.${f.name}: expected ${SIZE[f.type] / 4} values`);
        list.forEach((x, i) => (f.type === 'u32' ? (u32[f.at / 4 + i] = x) : (f32[f.at / 4 + i] = x)));
      }
      return buf;
    },
  };
}

/** Puts the generated struct where the shader says `// @uniforms <Name>`. */
export function withUniforms(shader: string, layout: UniformLayout<string>): string {
  const marker = new RegExp(`^// @uniforms ${layout.structName}\\b.*$`, 'm');
  if (!marker.test(shader)) throw new Error(`shader has no "// @uniforms ${layout.structName}" line`);
  return shader.replace(marker, layout.wgsl);
}

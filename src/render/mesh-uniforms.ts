import { uniformLayout } from './uniform-layout.ts';

/** Per-layer uniforms of shaders/mesh.wgsl. */
export const MESH_UNIFORMS = uniformLayout('MeshUniforms', [
  ['cropOrigin', 'vec2f'], // photo px of the output's top-left corner
  ['cropSize', 'vec2f'], // photo px covered by the output
  ['depthScale', 'f32'], // 1 / (2 × depth range in px): maps ±range to depth 0..1
  ['depthBase', 'f32'], // this layer's slice of the depth buffer: depthBase + depth × depthSpan
  ['depthSpan', 'f32'],
  ['layerOpacity', 'f32'],
  ['unmix', 'f32'], // 1 when the layer has an `under` image to take out of its edge
] as const);

/**
 * Draws a rig's layers into an RGBA frame of any size up to the device limit
 * (3840×2160 and beyond on real GPUs). Each layer is a textured triangle mesh
 * whose vertex positions the caller supplies per frame (see mesh-deform.ts);
 * the renderer only rasterises, so motion stays plain, testable TypeScript.
 *
 * Anti-aliasing: 4× MSAA on mesh edges. Depth: each layer has its own depth
 * test (a turning head's near cheek must cover its far cheek), and layers are
 * composited in order with premultiplied alpha.
 */
import type { Rig, RigLayer, TextureRef } from '../contracts/rig.ts';
import { MESH_UNIFORMS } from './mesh-uniforms.ts';
import { createMipmappedTexture, TEXTURE_FORMAT, type TextureSource } from './mipmapped-texture.ts';
import meshWgsl from './shaders/mesh.wgsl?raw';
import { withUniforms } from './uniform-layout.ts';

const SAMPLES = 4;
const DEPTH_FORMAT: GPUTextureFormat = 'depth24plus';

export interface CropRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** One layer's state in one frame, from mesh-deform.ts. */
export interface LayerPose {
  positions?: Float32Array;
  opacity?: number;
}

export interface RenderOptions {
  width: number;
  height: number;
  /** 'transparent' leaves out the background layer: the person over alpha 0. */
  background: 'photo' | 'transparent';
  /** The part of the photo to show, in photo pixels; default: the whole photo. */
  crop?: CropRect;
}

interface LayerResources {
  layer: RigLayer;
  positions: GPUBuffer;
  attributes: GPUBuffer;
  indices: GPUBuffer;
  uniforms: GPUBuffer;
  bindGroup: GPUBindGroup;
  /** The positions buffer holds the mesh at rest (true after creation): static layers then upload nothing per frame. */
  atRest: boolean;
}

interface Targets {
  width: number;
  height: number;
  msaa: GPUTexture;
  depth: GPUTexture;
  resolved: GPUTexture;
}

export class FrameRenderer {
  private readonly pipeline: GPURenderPipeline;
  private readonly sampler: GPUSampler;
  private photo: GPUTexture | undefined;
  private readonly opaque: GPUTexture;
  private readonly clear: GPUTexture;
  private images = new Map<string, GPUTexture>();
  private layers: LayerResources[] = [];
  private rig: Rig | undefined;
  private targets: Targets | undefined;

  constructor(private readonly device: GPUDevice) {
    const module = device.createShaderModule({ code: withUniforms(meshWgsl, MESH_UNIFORMS), label: 'mesh' });
    this.pipeline = device.createRenderPipeline({
      label: 'mesh',
      layout: 'auto',
      vertex: {
        module,
        entryPoint: 'vs',
        buffers: [
          { arrayStride: 12, attributes: [{ shaderLocation: 0, offset: 0, format: 'float32x3' }] },
          {
            arrayStride: 12,
            attributes: [
              { shaderLocation: 1, offset: 0, format: 'float32x2' },
              { shaderLocation: 2, offset: 8, format: 'float32' },
            ],
          },
        ],
      },
      fragment: {
        module,
        entryPoint: 'fs',
        targets: [
          {
            format: TEXTURE_FORMAT,
            blend: {
              color: { srcFactor: 'one', dstFactor: 'one-minus-src-alpha' },
              alpha: { srcFactor: 'one', dstFactor: 'one-minus-src-alpha' },
            },
          },
        ],
      },
      primitive: { topology: 'triangle-list', cullMode: 'none' },
      depthStencil: { format: DEPTH_FORMAT, depthWriteEnabled: true, depthCompare: 'less' },
      multisample: { count: SAMPLES },
    });
    this.opaque = createMipmappedTexture(device, { width: 1, height: 1, data: new Uint8Array([255, 255, 255, 255]) }, 'opaque');
    this.clear = createMipmappedTexture(device, { width: 1, height: 1, data: new Uint8Array([0, 0, 0, 0]) }, 'clear');
    // Trilinear + 16× anisotropic: a photo much larger than the output stays
    // sharp but unaliased. Mirrored past the edge: the head's mesh reaches
    // beyond a photo that crops the head (head-mesh.ts), and what a moved
    // head brings in from there is the hair beside the edge, reflected,
    // rather than the edge row smeared.
    this.sampler = device.createSampler({
      magFilter: 'linear',
      minFilter: 'linear',
      mipmapFilter: 'linear',
      maxAnisotropy: 16,
      addressModeU: 'mirror-repeat',
      addressModeV: 'mirror-repeat',
    });
  }

  setPhoto(photo: TextureSource): void {
    this.photo?.destroy();
    this.photo = createMipmappedTexture(this.device, photo, 'photo');
    if (this.rig) this.setRig(this.rig); // bind groups refer to the old texture
  }

  setRig(rig: Rig): void {
    if (!this.photo) throw new Error('setPhoto before setRig');
    this.disposeLayers();
    for (const t of this.images.values()) t.destroy();
    this.images.clear();
    for (const [key, img] of Object.entries(rig.images)) this.images.set(key, createMipmappedTexture(this.device, img, key));
    this.rig = rig;
    this.layers = rig.layers.map((layer) => this.createLayer(layer));
  }

  private createLayer(layer: RigLayer): LayerResources {
    const { mesh } = layer;
    const n = mesh.positions.length / 3;
    const attrs = new Float32Array(n * 3);
    for (let i = 0; i < n; i++) {
      attrs[i * 3] = mesh.uvs[i * 2]!;
      attrs[i * 3 + 1] = mesh.uvs[i * 2 + 1]!;
      attrs[i * 3 + 2] = mesh.opacity[i]!;
    }
    const buffer = (data: ArrayBufferView, usage: number, label: string) => {
      const b = this.device.createBuffer({ label, size: Math.ceil(data.byteLength / 4) * 4, usage: usage | GPUBufferUsage.COPY_DST });
      this.device.queue.writeBuffer(b, 0, data as unknown as ArrayBuffer);
      return b;
    };
    const texture = this.textureOf(layer.texture, layer.name);
    const mask = layer.mask ? this.textureOf(layer.mask, layer.name) : this.opaque;
    const under = layer.under ? this.textureOf(layer.under, layer.name) : this.clear;
    const uniforms = this.device.createBuffer({ label: `${layer.name} uniforms`, size: MESH_UNIFORMS.size, usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST });
    return {
      layer,
      positions: buffer(mesh.positions, GPUBufferUsage.VERTEX, `${layer.name} positions`),
      attributes: buffer(attrs, GPUBufferUsage.VERTEX, `${layer.name} uv+opacity`),
      indices: buffer(mesh.indices, GPUBufferUsage.INDEX, `${layer.name} indices`),
      uniforms,
      bindGroup: this.device.createBindGroup({
        layout: this.pipeline.getBindGroupLayout(0),
        entries: [
          { binding: 0, resource: { buffer: uniforms } },
          { binding: 1, resource: texture.createView() },
          { binding: 2, resource: this.sampler },
          { binding: 3, resource: mask.createView() },
          { binding: 4, resource: under.createView() },
        ],
      }),
      atRest: true,
    };
  }

  private textureOf(ref: TextureRef, layer: string): GPUTexture {
    const t = ref.kind === 'photo' ? this.photo : this.images.get(ref.key);
    if (!t) throw new Error(`layer ${layer}: rig has no image "${ref.kind === 'image' ? ref.key : 'photo'}"`);
    return t;
  }

  private ensureTargets(width: number, height: number): Targets {
    const t = this.targets;
    if (t && t.width === width && t.height === height) return t;
    if (t) for (const tex of [t.msaa, t.depth, t.resolved]) tex.destroy();
    const size = [width, height];
    this.targets = {
      width,
      height,
      msaa: this.device.createTexture({ size, format: TEXTURE_FORMAT, sampleCount: SAMPLES, usage: GPUTextureUsage.RENDER_ATTACHMENT }),
      depth: this.device.createTexture({ size, format: DEPTH_FORMAT, sampleCount: SAMPLES, usage: GPUTextureUsage.RENDER_ATTACHMENT }),
      resolved: this.device.createTexture({
        size,
        format: TEXTURE_FORMAT,
        usage: GPUTextureUsage.RENDER_ATTACHMENT | GPUTextureUsage.COPY_SRC | GPUTextureUsage.TEXTURE_BINDING,
      }),
    };
    return this.targets;
  }

  /**
   * Renders one frame. `poses[i]` gives layer i's deformed vertex positions
   * (vertices×3, photo px) and opacity; a missing entry or field means
   * undeformed and opaque. Returns the resolved texture, valid until the next
   * render at another size.
   */
  render(poses: (LayerPose | undefined)[], opts: RenderOptions): GPUTexture {
    if (!this.rig) throw new Error('setRig before render');
    const { width, height } = opts;
    const limit = this.device.limits.maxTextureDimension2D;
    if (width < 1 || height < 1 || width > limit || height > limit) throw new RangeError(`frame size ${width}×${height} is outside 1…${limit}`);
    const crop = opts.crop ?? { x: 0, y: 0, width: this.rig.photo.width, height: this.rig.photo.height };
    const depthRange = Math.max(this.rig.photo.width, this.rig.photo.height);
    const t = this.ensureTargets(width, height);
    const encoder = this.device.createCommandEncoder({ label: 'frame' });
    // One pass for every layer: each gets its own slice of the depth buffer,
    // later layers nearer (see mesh.wgsl). A pass per layer, each loading and
    // storing the multisampled frame, cost most of a 4K frame's time.
    const drawn = this.layers.flatMap((res, i) => {
      if (opts.background === 'transparent' && (res.layer.name === 'background' || res.layer.name === 'plate')) return [];
      const pose = poses[i];
      return (pose?.opacity ?? 1) > 0 ? [{ res, pose }] : [];
    });
    const pass = encoder.beginRenderPass({
      label: 'layers',
      colorAttachments: [{ view: t.msaa.createView(), resolveTarget: t.resolved.createView(), loadOp: 'clear', clearValue: { r: 0, g: 0, b: 0, a: 0 }, storeOp: 'discard' }],
      depthStencilAttachment: { view: t.depth.createView(), depthLoadOp: 'clear', depthClearValue: 1, depthStoreOp: 'discard' },
    });
    pass.setPipeline(this.pipeline);
    // A hair under 1/n: a later layer's farthest point stays nearer than an earlier one's nearest.
    const span = 0.999 / Math.max(1, drawn.length);
    drawn.forEach(({ res, pose }, k) => {
      const p = pose?.positions;
      if (p) {
        this.device.queue.writeBuffer(res.positions, 0, p as unknown as ArrayBuffer);
        res.atRest = false;
      } else if (!res.atRest) {
        this.device.queue.writeBuffer(res.positions, 0, res.layer.mesh.positions as unknown as ArrayBuffer);
        res.atRest = true;
      }
      this.device.queue.writeBuffer(
        res.uniforms,
        0,
        MESH_UNIFORMS.pack({
          cropOrigin: [crop.x, crop.y],
          cropSize: [crop.width, crop.height],
          depthScale: 1 / (2 * depthRange),
          depthBase: (drawn.length - 1 - k) / Math.max(1, drawn.length),
          depthSpan: span,
          layerOpacity: pose?.opacity ?? 1,
          unmix: res.layer.under ? 1 : 0,
        }),
      );
      pass.setBindGroup(0, res.bindGroup);
      pass.setVertexBuffer(0, res.positions);
      pass.setVertexBuffer(1, res.attributes);
      pass.setIndexBuffer(res.indices, 'uint32');
      pass.drawIndexed(res.layer.mesh.indices.length);
    });
    pass.end();
    this.device.queue.submit([encoder.finish()]);
    return t.resolved;
  }

  /** Reads a rendered frame back as tightly packed RGBA bytes (premultiplied alpha, sRGB). */
  async readPixels(texture: GPUTexture): Promise<Uint8Array> {
    const { width, height } = texture;
    const bytesPerRow = Math.ceil((width * 4) / 256) * 256; // copyTextureToBuffer's row alignment
    const buffer = this.device.createBuffer({ size: bytesPerRow * height, usage: GPUBufferUsage.COPY_DST | GPUBufferUsage.MAP_READ });
    const encoder = this.device.createCommandEncoder();
    encoder.copyTextureToBuffer({ texture }, { buffer, bytesPerRow }, [width, height]);
    this.device.queue.submit([encoder.finish()]);
    await buffer.mapAsync(GPUMapMode.READ);
    const mapped = new Uint8Array(buffer.getMappedRange());
    const out = new Uint8Array(width * height * 4);
    for (let y = 0; y < height; y++) out.set(mapped.subarray(y * bytesPerRow, y * bytesPerRow + width * 4), y * width * 4);
    buffer.unmap();
    buffer.destroy();
    return out;
  }

  private disposeLayers(): void {
    for (const l of this.layers) for (const b of [l.positions, l.attributes, l.indices, l.uniforms]) b.destroy();
    this.layers = [];
  }

  dispose(): void {
    this.disposeLayers();
    for (const t of this.images.values()) t.destroy();
    this.images.clear();
    this.photo?.destroy();
    this.photo = undefined;
    if (this.targets) for (const tex of [this.targets.msaa, this.targets.depth, this.targets.resolved]) tex.destroy();
    this.targets = undefined;
    this.rig = undefined;
  }
}

/**
 * Uploads an image into an sRGB texture with its full mip chain, so the mesh
 * shader can sample the full-resolution photo at any output size without
 * aliasing (a 4000-px photo drawn at 512 px needs the smaller levels).
 */
import mipmapWgsl from './shaders/mipmap.wgsl?raw';

export const TEXTURE_FORMAT: GPUTextureFormat = 'rgba8unorm-srgb';

const pipelines = new WeakMap<GPUDevice, GPURenderPipeline>();

function mipPipeline(device: GPUDevice): GPURenderPipeline {
  let p = pipelines.get(device);
  if (!p) {
    const module = device.createShaderModule({ code: mipmapWgsl, label: 'mipmap' });
    p = device.createRenderPipeline({
      label: 'mipmap',
      layout: 'auto',
      vertex: { module, entryPoint: 'vs' },
      fragment: { module, entryPoint: 'fs', targets: [{ format: TEXTURE_FORMAT }] },
      primitive: { topology: 'triangle-list' },
    });
    pipelines.set(device, p);
  }
  return p;
}

export function mipLevelCount(width: number, height: number): number {
  return Math.floor(Math.log2(Math.max(width, height))) + 1;
}

export type TextureSource = ImageBitmap | { width: number; height: number; data: Uint8Array };

export function createMipmappedTexture(device: GPUDevice, source: TextureSource, label: string): GPUTexture {
  const { width, height } = source;
  const texture = device.createTexture({
    label,
    size: [width, height],
    format: TEXTURE_FORMAT,
    mipLevelCount: mipLevelCount(width, height),
    usage: GPUTextureUsage.TEXTURE_BINDING | GPUTextureUsage.COPY_DST | GPUTextureUsage.RENDER_ATTACHMENT,
  });
  if ('data' in source) {
    device.queue.writeTexture({ texture }, source.data as Uint8Array<ArrayBuffer>, { bytesPerRow: width * 4 }, [width, height]);
  } else {
    // premultipliedAlpha false: the shader premultiplies, after filtering, which keeps matte edges clean.
    device.queue.copyExternalImageToTexture({ source }, { texture, premultipliedAlpha: false }, [width, height]);
  }

  const pipeline = mipPipeline(device);
  const sampler = device.createSampler({ minFilter: 'linear', magFilter: 'linear' });
  const encoder = device.createCommandEncoder({ label: `${label} mips` });
  for (let level = 1; level < texture.mipLevelCount; level++) {
    const bind = device.createBindGroup({
      layout: pipeline.getBindGroupLayout(0),
      entries: [
        { binding: 0, resource: texture.createView({ baseMipLevel: level - 1, mipLevelCount: 1 }) },
        { binding: 1, resource: sampler },
      ],
    });
    const pass = encoder.beginRenderPass({
      colorAttachments: [{ view: texture.createView({ baseMipLevel: level, mipLevelCount: 1 }), loadOp: 'clear', storeOp: 'store' }],
    });
    pass.setPipeline(pipeline);
    pass.setBindGroup(0, bind);
    pass.draw(3);
    pass.end();
  }
  device.queue.submit([encoder.finish()]);
  return texture;
}

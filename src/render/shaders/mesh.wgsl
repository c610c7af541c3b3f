// Draws one rig layer: textured triangles placed in photo pixels, mapped to the
// output through a crop rectangle. Texture and target are sRGB formats, so
// filtering and blending happen in linear light and an undeformed mesh at the
// photo's own size returns the photo's bytes.

// @uniforms MeshUniforms (struct text generated from mesh-uniforms.ts)

@group(0) @binding(0) var<uniform> u: MeshUniforms;
@group(0) @binding(1) var photo: texture_2d<f32>;
@group(0) @binding(2) var photoSampler: sampler;
// Coverage in the alpha channel, in the same uv space as the texture (a 1×1 white texture when the layer has none).
@group(0) @binding(3) var mask: texture_2d<f32>;
// What the photo mixed into the layer's soft edge (the background plate), in the same uv space; 1×1 clear when none.
@group(0) @binding(4) var under: texture_2d<f32>;

struct VertexIn {
  @location(0) position: vec3f, // photo px, z = depth px (larger = nearer)
  @location(1) uv: vec2f,
  @location(2) opacity: f32,
};

struct VertexOut {
  @builtin(position) clip: vec4f,
  @location(0) uv: vec2f,
  @location(1) opacity: f32,
};

@vertex
fn vs(v: VertexIn) -> VertexOut {
  // Crop rectangle (photo px) → normalised device coordinates; y flips because NDC y points up.
  let t = (v.position.xy - u.cropOrigin) / u.cropSize;
  var out: VertexOut;
  // Depth: nearer (larger z) maps to smaller depth, compared with 'less',
  // inside this layer's own slice; later layers have nearer slices, so they
  // cover earlier ones whatever their z, and all layers share one pass.
  let depth = u.depthBase + clamp(0.5 - v.position.z * u.depthScale, 0.0, 1.0) * u.depthSpan;
  out.clip = vec4f(t.x * 2.0 - 1.0, 1.0 - t.y * 2.0, depth, 1.0);
  out.uv = v.uv;
  out.opacity = v.opacity;
  return out;
}

// Four trilinear taps spread over the pixel's footprint, each at half the
// footprint (one mip level finer). Plain trilinear blurs a downscale by up to a
// whole level; this stays close to a box filter of the exact footprint, which
// matters when a 12-megapixel photo becomes a 512-px preview.
// When a pixel covers one texel or less (1:1, or magnifying) the taps
// collapse onto one point, so a neutral frame returns the photo's own bytes.
fn sampleFootprint(uv: vec2f) -> vec4f {
  let dx = dpdx(uv) * 0.5;
  let dy = dpdy(uv) * 0.5;
  let texels = vec2f(textureDimensions(photo, 0));
  let footprint = 2.0 * max(length(dx * texels), length(dy * texels));
  // Magnifying or 1:1 (previews of small photos, 4K from a phone photo): one
  // tap is exact, and saves three quarters of the texture work.
  if (footprint <= 1.0) {
    return textureSampleGrad(photo, photoSampler, uv, dx, dy);
  }
  let spread = 0.5 * clamp(footprint - 1.0, 0.0, 1.0);
  let q = spread * (dx + dy);
  let r = spread * (dx - dy);
  return 0.25 * (
    textureSampleGrad(photo, photoSampler, uv + q, dx, dy) +
    textureSampleGrad(photo, photoSampler, uv - q, dx, dy) +
    textureSampleGrad(photo, photoSampler, uv + r, dx, dy) +
    textureSampleGrad(photo, photoSampler, uv - r, dx, dy));
}

// The least coverage a for which some person colour in 0…1 gives pixel p over
// backdrop b: person ≥ 0 needs p ≥ (1 − a)·b, person ≤ 1 needs p − b ≤ a·(1 − b).
fn leastCoverage(p: vec3f, b: vec3f) -> f32 {
  let darker = select(vec3f(0.0), 1.0 - p / max(b, vec3f(1e-4)), b > p);
  let brighter = select(vec3f(0.0), (p - b) / max(1.0 - b, vec3f(1e-4)), p > b);
  let a = max(darker, brighter);
  return clamp(max(a.x, max(a.y, a.z)), 0.0, 1.0);
}

@fragment
fn fs(in: VertexOut) -> @location(0) vec4f {
  let c = sampleFootprint(in.uv);
  let m = textureSampleLevel(mask, photoSampler, in.uv, 0.0);
  let unmix = u.unmix * m.r;
  let behind = textureSampleLevel(under, photoSampler, in.uv, 0.0).rgb;
  // The mask is a soft, low-resolution matte; the photo's edge is sharp. Where
  // the pixel is darker (or brighter) than the matte's coverage lets a person
  // colour over the plate explain (a dark hair edge the coarse ramp calls half
  // covered), its coverage is raised to the least that explains it, so the
  // edge keeps the photo's own sharpness at rest and in motion.
  let coverage = select(m.a, max(m.a, leastCoverage(c.rgb, behind)), m.a > 0.0 && unmix > 0.5);
  // At a soft edge the photo is person × coverage + background × (1 − coverage).
  // Taking the background's share out leaves the person alone, premultiplied,
  // which over the plate gives back the photo and over anything else brings no
  // background along. Clamped to what a colour in 0…1 at this coverage can be.
  let unmixed = clamp(c.rgb - (1.0 - coverage) * behind, vec3f(0.0), vec3f(coverage));
  let person = mix(c.rgb * coverage, unmixed, unmix);
  let k = c.a * in.opacity * u.layerOpacity;
  // Premultiplied output: the blend state is (one, one-minus-src-alpha).
  return vec4f(person * k, coverage * k);
}

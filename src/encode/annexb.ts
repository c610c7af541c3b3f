/**
 * H.264 Annex B byte stream (what libx264 writes with `-f h264`) to the
 * length-prefixed access units and avcC record an MP4 holds. NAL types from
 * ITU-T H.264 Table 7-1; avcC layout from ISO/IEC 14496-15 §5.3.3.1.
 */

export const NAL_IDR = 5;
export const NAL_SEI = 6;
export const NAL_SPS = 7;
export const NAL_PPS = 8;
export const NAL_AUD = 9;

/** NAL unit payloads (start codes removed) in stream order. */
export function splitNalUnits(stream: Uint8Array): Uint8Array[] {
  const starts: { at: number; codeLength: number }[] = [];
  for (let i = 0; i + 2 < stream.length; i++) {
    if (stream[i] === 0 && stream[i + 1] === 0) {
      if (stream[i + 2] === 1) {
        starts.push({ at: i, codeLength: 3 });
        i += 2;
      } else if (stream[i + 2] === 0 && stream[i + 3] === 1) {
        starts.push({ at: i, codeLength: 4 });
        i += 3;
      }
    }
  }
  return starts.map((s, k) => {
    let end = k + 1 < starts.length ? starts[k + 1]!.at : stream.length;
    // Trailing zero bytes before the next start code belong to neither NAL unit.
    while (end > s.at + s.codeLength && stream[end - 1] === 0) end--;
    return stream.subarray(s.at + s.codeLength, end);
  });
}

export const nalType = (nal: Uint8Array): number => nal[0]! & 0x1f;

export interface AccessUnit {
  /** 4-byte big-endian length-prefixed NAL units: the sample an MP4 stores. */
  data: Uint8Array;
  keyFrame: boolean;
}

export interface H264Stream {
  units: AccessUnit[];
  sps: Uint8Array;
  pps: Uint8Array;
}

/**
 * Groups NAL units into access units. The encoder is asked for access unit
 * delimiters (x264 `aud=1`), so each AUD starts a frame; that avoids parsing
 * slice headers. SPS/PPS move to avcC; AUD and SEI (x264's settings banner)
 * are dropped because they are not needed to decode.
 */
export function parseAnnexB(stream: Uint8Array): H264Stream {
  let sps: Uint8Array | undefined;
  let pps: Uint8Array | undefined;
  const units: AccessUnit[] = [];
  let current: Uint8Array[] | undefined;
  let key = false;
  const flush = () => {
    if (current && current.length > 0) units.push({ data: lengthPrefixed(current), keyFrame: key });
    current = undefined;
    key = false;
  };
  for (const nal of splitNalUnits(stream)) {
    const type = nalType(nal);
    if (type === NAL_AUD) {
      flush();
      current = [];
    } else if (type === NAL_SPS) sps ??= nal.slice();
    else if (type === NAL_PPS) pps ??= nal.slice();
    else if (type !== NAL_SEI) {
      current ??= [];
      current.push(nal);
      if (type === NAL_IDR) key = true;
    }
  }
  flush();
  if (!sps || !pps) throw new Error('H.264 stream has no SPS/PPS');
  return { units, sps, pps };
}

function lengthPrefixed(nals: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(nals.reduce((n, x) => n + 4 + x.length, 0));
  const view = new DataView(out.buffer);
  let at = 0;
  for (const nal of nals) {
    view.setUint32(at, nal.length);
    out.set(nal, at + 4);
    at += 4 + nal.length;
  }
  return out;
}

/**
 * AVCDecoderConfigurationRecord with one SPS and one PPS. Profiles 100 and up
 * carry the chroma/bit-depth extension; we only make 4:2:0 8-bit, so its
 * values are fixed (chroma_format_idc 1, bit depths 8).
 */
export function avcDecoderConfig(sps: Uint8Array, pps: Uint8Array): Uint8Array {
  const high = sps[1]! >= 100;
  const out = new Uint8Array(11 + sps.length + pps.length + (high ? 4 : 0));
  let at = 0;
  out.set([1, sps[1]!, sps[2]!, sps[3]!, 0xff /* 4-byte lengths */, 0xe1 /* one SPS */], at);
  at += 6;
  out.set([sps.length >> 8, sps.length & 0xff], at);
  out.set(sps, at + 2);
  at += 2 + sps.length;
  out.set([1, pps.length >> 8, pps.length & 0xff], at);
  out.set(pps, at + 3);
  at += 3 + pps.length;
  if (high) out.set([0xfc | 1, 0xf8 | 0, 0xf8 | 0, 0], at);
  return out;
}

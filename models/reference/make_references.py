#!/usr/bin/env python3
"""Developer-side only: computes TensorFlow Lite reference outputs for the
MediaPipe models and writes them as small fixtures for the conversion tests.

Users and CI never run this; they only read what it wrote under
tests/fixtures/perception/. Needs: tensorflow-cpu (tf.lite.Interpreter),
numpy, pillow, and scikit-image's astronaut.png (public domain, NASA).

    pip install tensorflow-cpu numpy pillow
    pip download --no-deps scikit-image -d /tmp/sk && unzip -o /tmp/sk/*.whl 'skimage/data/astronaut.png' -d /tmp/sk
    python3 models/reference/make_references.py --astronaut /tmp/sk/skimage/data/astronaut.png

Fixture format (read by tests/unit/perception/fixtures.ts):
  inputs/<image>_<W>x<H>.rgb.gz  gzip of the image resized to the model input,
      uint8 RGB, row-major HWC. The model input is derived bit-exactly from it:
      0..1 models:  float32(u8) / float32(255)
      -1..1 models: float32(u8) / float32(127.5) - float32(1)
      (each operation rounded to float32, as numpy does and as Math.fround does).
  <model>.json  input layout, range, and per image the outputs: name, TFLite
      shape (NHWC), and which elements are stored (all, or every `stride`-th of
      the flattened tensor, so big masks and heatmaps stay a few KB); absMax of
      the whole output; xnnpackSpread, the max abs difference between TFLite's
      reference kernels (stored) and its XNNPACK kernels on the same input: the
      float32 noise floor any other correct implementation should expect.
  <model>.bin   the stored output elements, float32 little-endian, in JSON order.
"""
import argparse
import gzip
import json
import math
import os
import re
import sys

import numpy as np
from PIL import Image

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import mediapipe_custom_ops  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))
FIXTURES = os.path.join(ROOT, 'tests', 'fixtures', 'perception')

# Each model with its package, input value range (MediaPipe's graph for it
# feeds that range), and which image set exercises it.
MODELS = [
    ('face_detection_short_range', 'face_mesh', (-1, 1), 'scene'),
    ('face_landmark', 'face_mesh', (0, 1), 'face'),
    ('face_landmark_with_attention', 'face_mesh', (0, 1), 'face'),
    ('pose_detection', 'pose', (-1, 1), 'scene'),
    ('pose_landmark_lite', 'pose', (0, 1), 'scene'),
    ('pose_landmark_full', 'pose', (0, 1), 'scene'),
    ('pose_landmark_heavy', 'pose', (0, 1), 'scene'),
    ('palm_detection_lite', 'hands', (0, 1), 'scene'),
    ('palm_detection_full', 'hands', (0, 1), 'scene'),
    ('hand_landmark_lite', 'hands', (0, 1), 'scene'),
    ('hand_landmark_full', 'hands', (0, 1), 'scene'),
    ('selfie_segmentation', 'selfie_segmentation', (0, 1), 'scene'),
    ('selfie_segmentation_landscape', 'selfie_segmentation', (0, 1), 'scene'),
]

# Outputs above this many elements are stored strided.
MAX_STORED = 4096


def read_asset(pkg, name):
    """Same lookup as models/converter/mediapipe-assets.ts: plain file, else packed .data."""
    pkg_dir = os.path.join(ROOT, 'node_modules', '@mediapipe', pkg)
    plain = os.path.join(pkg_dir, name)
    if os.path.exists(plain):
        return open(plain, 'rb').read()
    for f in sorted(os.listdir(pkg_dir)):
        if not f.endswith('_packed_assets_loader.js'):
            continue
        src = open(os.path.join(pkg_dir, f)).read()
        meta = json.loads(re.search(r'loadPackage\((\{.*?\})\);', src, re.S).group(1))
        for entry in meta['files']:
            if os.path.basename(entry['filename']) == name:
                data = open(os.path.join(pkg_dir, f.replace('_loader.js', '.data')), 'rb').read()
                return data[entry['start']:entry['end']]
    raise FileNotFoundError(f'{name} not in @mediapipe/{pkg}')


def image_sets(astronaut):
    """Real photo variants: the astronaut as is, rotated, mirrored and small, face crops."""
    full = astronaut
    w, h = full.size
    rotated = full.rotate(30, resample=Image.BILINEAR, fillcolor=(0, 0, 0))
    canvas = Image.new('RGB', (w * 2, h * 2), (96, 110, 128))
    canvas.paste(full.transpose(Image.FLIP_LEFT_RIGHT), (w // 3, h // 2))
    # The face occupies roughly x 160..300, y 40..220 in the 512x512 photo.
    face = full.crop((130, 20, 330, 220))
    face_rot = full.rotate(-30, resample=Image.BILINEAR, center=(230, 120)).crop((130, 20, 330, 220))
    face_mirror = face.transpose(Image.FLIP_LEFT_RIGHT).crop((10, 0, 190, 200))
    return {
        'scene': [('astronaut', full), ('astronaut_rot30', rotated), ('astronaut_mirrored_small', canvas)],
        'face': [('face', face), ('face_rot-30', face_rot), ('face_mirrored', face_mirror)],
    }


def to_input(u8, value_range):
    x = u8.astype(np.float32)
    if value_range == (0, 1):
        return x / np.float32(255)
    return x / np.float32(127.5) - np.float32(1)


def replace_transpose_conv_bias(model_bytes):
    """Stock TFLite lacks MediaPipe's custom Convolution2DTransposeBias. It is
    TFLite's builtin TRANSPOSE_CONV (v3, with bias) under another name, so the
    reference runs the builtin with the same weights and options. The custom
    options are TfLiteTransposeConvParams: int32 padding (1 = SAME, 2 = VALID),
    stride_w, stride_h."""
    import flatbuffers
    from tensorflow.lite.python import schema_py_generated as s
    m = s.ModelT.InitFromObj(s.Model.GetRootAsModel(model_bytes, 0))
    changed = False
    for sg in m.subgraphs:
        for op in sg.operators:
            code = m.operatorCodes[op.opcodeIndex]
            if code.customCode != b'Convolution2DTransposeBias':
                continue
            padding, stride_w, stride_h = np.frombuffer(bytes(bytearray(op.customOptions)), '<i4')
            x, weights, bias = op.inputs
            out_shape = np.array(sg.tensors[op.outputs[0]].shape, dtype='<i4')
            buf = s.BufferT()
            buf.data = np.frombuffer(out_shape.tobytes(), np.uint8)
            m.buffers.append(buf)
            t = s.TensorT()
            t.shape = np.array([4], dtype=np.int32)
            t.type = s.TensorType.INT32
            t.buffer = len(m.buffers) - 1
            t.name = b'output_shape_for_transpose_conv'
            sg.tensors.append(t)
            oc = s.OperatorCodeT()
            oc.builtinCode = s.BuiltinOperator.TRANSPOSE_CONV
            oc.deprecatedBuiltinCode = s.BuiltinOperator.TRANSPOSE_CONV
            oc.version = 3
            m.operatorCodes.append(oc)
            op.opcodeIndex = len(m.operatorCodes) - 1
            op.inputs = np.array([len(sg.tensors) - 1, weights, x, bias], dtype=np.int32)
            opts = s.TransposeConvOptionsT()
            opts.padding = s.Padding.SAME if padding == 1 else s.Padding.VALID
            opts.strideW, opts.strideH = int(stride_w), int(stride_h)
            op.builtinOptionsType = s.BuiltinOptions.TransposeConvOptions
            op.builtinOptions = opts
            op.customOptions = None
            changed = True
    if not changed:
        return model_bytes
    b = flatbuffers.Builder(1024)
    b.Finish(m.Pack(b), file_identifier=b'TFL3')
    return bytes(b.Output())


def stored_elements(n, channels):
    if n <= MAX_STORED:
        return 1
    stride = -(-n // MAX_STORED)
    # A stride coprime with the channel count visits every channel of an NHWC
    # tensor instead of landing on the same one each time.
    while math.gcd(stride, channels) != 1:
        stride += 1
    return stride


class Runner:
    """One TFLite interpreter; models with MediaPipe custom ops run staged (see mediapipe_custom_ops.py)."""

    def __init__(self, tf, model_bytes, reference_kernels):
        cut_bytes, self.cut = mediapipe_custom_ops.cut_custom_ops(model_bytes)
        resolver = (tf.lite.experimental.OpResolverType.BUILTIN_WITHOUT_DEFAULT_DELEGATES if reference_kernels
                    else tf.lite.experimental.OpResolverType.AUTO)
        self.interp = tf.lite.Interpreter(model_content=cut_bytes, num_threads=1, experimental_op_resolver_type=resolver)
        self.interp.allocate_tensors()
        cut_outputs = {n for c in self.cut for n in c[3]}
        (self.image_input,) = [d for d in self.interp.get_input_details() if d['name'] not in cut_outputs]
        # The model's own outputs come first in the subgraph's output list.
        n_real = len(self.interp.get_output_details()) - sum(len(c[2]) for c in self.cut)
        self.output_names = [d['name'] for d in self.interp.get_output_details()][:n_real]
        self.staged = mediapipe_custom_ops.StagedRunner(self.interp, self.cut, self.output_names) if self.cut else None

    def run(self, x):
        if self.staged:
            return self.staged.run(x)
        self.interp.set_tensor(self.image_input['index'], x)
        self.interp.invoke()
        return {d['name']: self.interp.get_tensor(d['index']).copy() for d in self.interp.get_output_details()}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--astronaut', required=True, help="scikit-image's skimage/data/astronaut.png")
    ap.add_argument('--only', nargs='*', help='model ids to regenerate')
    args = ap.parse_args()
    import tensorflow as tf

    sets = image_sets(Image.open(args.astronaut).convert('RGB'))
    os.makedirs(os.path.join(FIXTURES, 'inputs'), exist_ok=True)
    for model_id, pkg, value_range, set_name in MODELS:
        if args.only and model_id not in args.only:
            continue
        model_bytes = replace_transpose_conv_bias(read_asset(pkg, model_id + '.tflite'))
        reference = Runner(tf, model_bytes, reference_kernels=True)
        # TFLite's default XNNPACK kernels, run beside the reference kernels, show
        # how far two correct float32 implementations drift apart on this model.
        xnnpack = Runner(tf, model_bytes, reference_kernels=False)
        inp, output_names = reference.image_input, reference.output_names
        _, h, w, _ = inp['shape']
        meta = {'model': model_id, 'package': pkg, 'tensorflow': tf.__version__,
                'input': {'name': inp['name'], 'shape': [int(d) for d in inp['shape']],
                          'layout': 'NHWC', 'range': list(value_range)},
                'images': []}
        if reference.cut:
            meta['customOpsEvaluatedIn'] = 'numpy (models/reference/mediapipe_custom_ops.py)'
        blob = bytearray()
        for image_name, image in sets[set_name]:
            u8 = np.asarray(image.resize((int(w), int(h)), Image.BILINEAR), dtype=np.uint8)
            input_file = f'inputs/{image_name}_{w}x{h}.rgb.gz'
            with gzip.GzipFile(os.path.join(FIXTURES, input_file), 'wb', mtime=0) as f:
                f.write(u8.tobytes())
            x = to_input(u8, value_range)[None]
            got, spread = reference.run(x), xnnpack.run(x)
            outputs = []
            for name in output_names:
                y = got[name].astype('<f4').ravel()
                kernel_spread = float(np.abs(spread[name].astype('<f4').ravel() - y).max())
                stride = stored_elements(y.size, int(got[name].shape[-1]))
                kept = y[::stride]
                outputs.append({'name': name, 'shape': [int(d) for d in got[name].shape],
                                'stride': stride, 'count': int(kept.size), 'offset': len(blob) // 4,
                                'absMax': float(np.abs(y).max()), 'xnnpackSpread': kernel_spread})
                blob += kept.tobytes()
            meta['images'].append({'image': image_name, 'input': input_file, 'outputs': outputs})
        with open(os.path.join(FIXTURES, model_id + '.bin'), 'wb') as f:
            f.write(blob)
        with open(os.path.join(FIXTURES, model_id + '.json'), 'w') as f:
            json.dump(meta, f, indent=1)
            f.write('\n')
        print(f'{model_id}: {len(blob) // 1024} KiB of outputs')


if __name__ == '__main__':
    main()

"""Developer-side only. Stock TensorFlow Lite cannot run MediaPipe's custom
operators, so the reference runs every builtin operator in TFLite's
interpreter and these custom ones in numpy, float32, written from the
semantics of mediapipe/util/tflite/operations/*.cc (version 2 of each op).

How: the custom operators are cut out of the flatbuffer; their outputs become
extra graph inputs and their inputs extra graph outputs. The cut model is run
repeatedly, each pass feeding the custom ops' numpy results from the previous
pass, until nothing changes (a pass per level of custom-op nesting, plus one).
"""
import numpy as np

F32 = np.float32


def landmarks_to_transform_matrix(landmarks, o):
    """[1, N, 3] landmarks -> [1, 4, 4] transform from patch pixels to feature-map pixels."""
    p = landmarks[0, :, :2].astype(F32)
    left, right = p[o['left_rotation_idx']], p[o['right_rotation_idx']]
    rotation = F32(o.get('target_rotation_radians', 0.0)) - np.arctan2(right[1] - left[1], right[0] - left[0]).astype(F32)
    c, s = np.cos(rotation).astype(F32), np.sin(rotation).astype(F32)
    rotate = np.array([[c, -s], [s, c]], F32)
    pts = p[np.asarray(o['subset_idxs']).ravel()] @ rotate.T
    hi, lo = pts.max(axis=0), pts.min(axis=0)
    width, height = hi - lo
    centre = rotate.T @ ((hi + lo) / F32(2))  # rotate back by -rotation
    sx = F32(o['scale_x']) * width / F32(o['output_width'])
    sy = F32(o['scale_y']) * height / F32(o['output_height'])
    shift = np.eye(4, dtype=F32)
    shift[:2, 3] = centre
    unrotate = np.eye(4, dtype=F32)
    unrotate[:2, :2] = rotate.T
    scale = np.diag(np.array([sx, sy, 1, 1], F32))
    to_centre = np.eye(4, dtype=F32)
    to_centre[:2, 3] = [-o['output_width'] / 2.0, -o['output_height'] / 2.0]
    return (shift @ unrotate @ scale @ to_centre).astype(F32)[None]


def transform_tensor_bilinear(features, matrix, o):
    """[1, H, W, C] -> [1, oh, ow, C]: pixel (x, y) samples M(x+1/2, y+1/2) - 1/2, zero outside."""
    _, h, w, ch = features.shape
    oh, ow = o['output_height'], o['output_width']
    m = matrix[0].astype(F32)
    ys, xs = np.meshgrid(np.arange(oh, dtype=F32), np.arange(ow, dtype=F32), indexing='ij')
    tx = m[0, 0] * (xs + F32(0.5)) + m[0, 1] * (ys + F32(0.5)) + m[0, 3] - F32(0.5)
    ty = m[1, 0] * (xs + F32(0.5)) + m[1, 1] * (ys + F32(0.5)) + m[1, 3] - F32(0.5)
    inside = (tx >= 0) & (tx <= w - 1) & (ty >= 0) & (ty <= h - 1)
    x0, y0 = np.floor(tx), np.floor(ty)
    fx, fy = (tx - x0)[..., None], (ty - y0)[..., None]
    padded = np.zeros((h + 1, w + 1, ch), F32)  # reads past the last row/column are 0
    padded[:h, :w] = features[0]
    xi = np.clip(x0, 0, w - 1).astype(int)
    yi = np.clip(y0, 0, h - 1).astype(int)
    top = (1 - fx) * padded[yi, xi] + fx * padded[yi, xi + 1]
    bottom = (1 - fx) * padded[yi + 1, xi] + fx * padded[yi + 1, xi + 1]
    out = fy * bottom + (1 - fy) * top
    return np.where(inside[..., None], out, F32(0)).astype(F32)[None]


def transform_landmarks(landmarks, matrix):
    """[1, N, 2|3]: (x, y) <- rows 0-1 of M applied to (x, y, 0, 1); z unchanged."""
    m = matrix[0].astype(F32)
    out = landmarks.astype(F32).copy()
    xy = landmarks[0, :, :2].astype(F32)
    out[0, :, :2] = xy @ m[:2, :2].T + m[:2, 3]
    return out


def evaluate(code, inputs, options):
    if code == 'Landmarks2TransformMatrix':
        return landmarks_to_transform_matrix(inputs[0], options)
    if code == 'TransformTensorBilinear':
        return transform_tensor_bilinear(inputs[0], inputs[1], options)
    if code == 'TransformLandmarks':
        return transform_landmarks(inputs[0], inputs[1])
    raise NotImplementedError(code)


def cut_custom_ops(model_bytes):
    """Returns the model without its custom ops, and for each removed op
    (code, options, input tensor names, output tensor names)."""
    import flatbuffers
    from flatbuffers import flexbuffers
    from tensorflow.lite.python import schema_py_generated as s
    m = s.ModelT.InitFromObj(s.Model.GetRootAsModel(model_bytes, 0))
    sg = m.subgraphs[0]
    kept, cut = [], []
    for op in sg.operators:
        code = m.operatorCodes[op.opcodeIndex].customCode
        if not code:
            kept.append(op)
            continue
        raw = bytes(bytearray(op.customOptions)) if op.customOptions is not None else b''
        opts = flexbuffers.Loads(raw) if raw else {}
        name = lambda i: sg.tensors[i].name.decode()
        cut.append((code.decode(), opts, [name(i) for i in op.inputs], [name(i) for i in op.outputs]))
        sg.inputs = np.append(sg.inputs, op.outputs).astype(np.int32)
        sg.outputs = np.append(sg.outputs, op.inputs).astype(np.int32)
    if not cut:
        return model_bytes, []
    sg.operators = kept
    b = flatbuffers.Builder(1024)
    b.Finish(m.Pack(b), file_identifier=b'TFL3')
    return bytes(b.Output()), cut


class StagedRunner:
    """Runs a TFLite interpreter on a model whose custom ops were cut out."""

    def __init__(self, interpreter, cut, real_outputs):
        self.interp = interpreter
        self.cut = cut
        self.real_outputs = real_outputs

    def run(self, x):
        it = self.interp
        ins = {d['name']: d for d in it.get_input_details()}
        outs = {d['name']: d for d in it.get_output_details()}
        (image,) = [d for n, d in ins.items() if not any(n in c[3] for c in self.cut)]
        fed = {n: np.zeros(d['shape'], F32) for n, d in ins.items() if d is not image}
        previous = None
        for _ in range(len(self.cut) + 2):
            it.set_tensor(image['index'], x)
            for n, v in fed.items():
                it.set_tensor(ins[n]['index'], v)
            it.invoke()
            got = {n: it.get_tensor(d['index']).copy() for n, d in outs.items()}
            for code, opts, in_names, out_names in self.cut:
                fed[out_names[0]] = evaluate(code, [got[n] for n in in_names], opts)
            # Settled when a pass changes neither the outputs nor what the custom ops produce.
            state = {**{n: got[n] for n in self.real_outputs}, **{'fed:' + n: v for n, v in fed.items()}}
            if previous is not None and all(np.array_equal(previous[n], state[n]) for n in state):
                return {n: got[n] for n in self.real_outputs}
            previous = state
        raise RuntimeError('custom-op staging did not settle')

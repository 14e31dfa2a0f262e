#!/usr/bin/env python3
"""Reads a Megatron-LM text dataset (PREFIX.bin + PREFIX.idx) by Megatron's documented layout
(megatron/core/datasets/indexed_dataset.py; Kiln docs/tokenize.md), independently of Kiln's Java code.

Usage: read_megatron.py PREFIX            -> one line per document: its token count; then "total N"
       read_megatron.py --json PREFIX     -> JSON list of documents, each a list of token ids
Uses numpy when importable, else the struct module.
"""
import json
import struct
import sys

MAGIC = b"MMIDIDX\x00\x00"
DTYPES = {1: ("B", 1), 2: ("b", 1), 3: ("h", 2), 4: ("i", 4), 5: ("q", 8), 8: ("H", 2)}


def read_index(path):
    with open(path, "rb") as f:
        data = f.read()
    if data[:9] != MAGIC:
        raise ValueError(f"{path}: bad magic {data[:9]!r}")
    (version,) = struct.unpack_from("<Q", data, 9)
    if version != 1:
        raise ValueError(f"{path}: version {version} != 1")
    code = data[17]
    seqs, docs = struct.unpack_from("<QQ", data, 18)
    off = 34
    lengths = struct.unpack_from(f"<{seqs}i", data, off)
    off += 4 * seqs
    pointers = struct.unpack_from(f"<{seqs}q", data, off)
    off += 8 * seqs
    doc_idx = struct.unpack_from(f"<{docs}q", data, off)
    off += 8 * docs
    if off != len(data):
        raise ValueError(f"{path}: {len(data) - off} trailing bytes")
    return code, list(lengths), list(pointers), list(doc_idx)


def read_sequences(prefix):
    code, lengths, pointers, doc_idx = read_index(prefix + ".idx")
    fmt, size = DTYPES[code]
    with open(prefix + ".bin", "rb") as f:
        data = f.read()
    expected = 0
    for n, p in zip(lengths, pointers):
        if p != expected:
            raise ValueError(f"pointer {p} != cumulative offset {expected}")
        expected += n * size
    if expected != len(data):
        raise ValueError(f".bin has {len(data)} bytes, index says {expected}")
    try:
        import numpy as np

        arr = np.frombuffer(data, dtype=np.dtype("<" + fmt))
        seqs = [arr[p // size: p // size + n].tolist() for n, p in zip(lengths, pointers)]
    except ImportError:
        seqs = [list(struct.unpack_from(f"<{n}{fmt}", data, p)) for n, p in zip(lengths, pointers)]
    # Documents are runs of sequences delimited by document_indices (one sequence each for Kiln).
    return [sum((seqs[i] for i in range(a, b)), []) for a, b in zip(doc_idx, doc_idx[1:])]


def main(argv):
    as_json = "--json" in argv
    args = [a for a in argv if a != "--json"]
    if len(args) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    docs = read_sequences(args[0])
    if as_json:
        json.dump(docs, sys.stdout, separators=(",", ":"))
        print()
    else:
        for d in docs:
            print(len(d))
        print("total", sum(len(d) for d in docs))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

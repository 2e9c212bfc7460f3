#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The PyTorch side of tests/test-embedding-parity.c.

Usage: torch_embedding.py OUT.f32 V,D,SEED [V,D,SEED …]

For each triple, writes torch.manual_seed(SEED); torch.nn.Embedding(V, D).weight
to OUT.f32 as V x D little-endian float32 values, one matrix after another.
Prints the torch version and the CPU capability torch runs its kernels with
(DEFAULT, AVX2, AVX512: ATEN_CPU_CAPABILITY chooses among those the processor
has), one per line. Exits 77 when torch cannot be imported.
"""
import sys

try:
    import torch
except ImportError:
    sys.exit(77)


def capability():
    for line in torch.__config__.show().splitlines():
        if "CPU capability usage:" in line:
            return line.split(":", 1)[1].strip()
    return "unknown"


def main():
    with open(sys.argv[1], "wb") as out:
        for triple in sys.argv[2:]:
            v, d, seed = (int(x) for x in triple.split(","))
            torch.manual_seed(seed)
            weight = torch.nn.Embedding(v, d).weight.detach()
            out.write(weight.numpy().astype("<f4").tobytes())
    print(torch.__version__)
    print(capability())


main()

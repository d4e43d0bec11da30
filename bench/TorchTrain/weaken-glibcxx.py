#!/usr/bin/python3
"""Marks libstdc++ version needs of a COPY of libLibTorchSharp.so weak, so it loads on Debian 12.

    python3 bench/TorchTrain/weaken-glibcxx.py path/to/libLibTorchSharp.so [GLIBCXX_3.4.32 ...]

TorchSharp 0.107's libLibTorchSharp.so asks for GLIBCXX_3.4.32 (GCC 13's libstdc++); Debian 12 ships
GLIBCXX_3.4.30, so the dynamic loader refuses the library although none of the symbols it binds
needs the newer version. A version need whose Vernaux entry carries VER_FLG_WEAK (0x2) is only
warned about by ld.so when missing. This sets that flag on the named needs (default: GLIBCXX_3.4.31
and GLIBCXX_3.4.32) in the file given, in place. Idempotent: a need already weak is left as it is.
Never point it at a system library or at the NuGet cache's copy: patch the build output's copy.
Standard library only; ELF64 little-endian (linux-x64) only.
"""
import struct
import sys

SHT_GNU_VERNEED = 0x6FFFFFFE
VER_FLG_WEAK = 0x2


def weaken(path, names):
    with open(path, "r+b") as f:
        elf = bytearray(f.read())
        if elf[:4] != b"\x7fELF" or elf[4] != 2 or elf[5] != 1:
            sys.exit(f"{path}: not a 64-bit little-endian ELF file")
        shoff, = struct.unpack_from("<Q", elf, 0x28)
        shentsize, shnum = struct.unpack_from("<HH", elf, 0x3A)
        # Section header: name(4) type(4) flags(8) addr(8) offset(8) size(8) link(4) info(4) ...
        sections = [struct.unpack_from("<IIQQQQII", elf, shoff + k * shentsize) for k in range(shnum)]
        verneed = [s for s in sections if s[1] == SHT_GNU_VERNEED]
        if not verneed:
            sys.exit(f"{path}: no .gnu.version_r section")
        _, _, _, _, offset, _, link, count = verneed[0]
        strings = sections[link][4]
        changed, seen = [], []
        at = offset
        for _ in range(count):
            # Verneed: version(2) cnt(2) file(4) aux(4) next(4)
            _, aux_count, _, aux, following = struct.unpack_from("<HHIII", elf, at)
            entry = at + aux
            for _ in range(aux_count):
                # Vernaux: hash(4) flags(2) other(2) name(4) next(4)
                _, flags, _, name, following_aux = struct.unpack_from("<IHHII", elf, entry)
                text = elf[strings + name:elf.index(b"\0", strings + name)].decode()
                if text in names:
                    seen.append(text)
                    if not flags & VER_FLG_WEAK:
                        struct.pack_into("<H", elf, entry + 4, flags | VER_FLG_WEAK)
                        changed.append(text)
                entry += following_aux
            at += following
        if changed:
            f.seek(0)
            f.write(elf)
    print(f"{path}: " + (f"marked weak: {', '.join(changed)}" if changed
                         else f"already weak: {', '.join(seen)}" if seen else "none of the named version needs found"))


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    weaken(sys.argv[1], set(sys.argv[2:]) or {"GLIBCXX_3.4.31", "GLIBCXX_3.4.32"})

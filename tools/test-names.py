#!/usr/bin/env python3
"""Test method names are sentences in snake case (docs/contributing.md): `Bad_CRC_in_a_critical_chunk_is_corrupt`.

Usage (from the repository root):
    python3 tools/test-names.py          # lists test methods named in PascalCase; exit 1 if there are any
    python3 tools/test-names.py --fix    # renames them in place (the method declaration only), then lists the renames

A test method is a method under an xunit [Fact]/[Theory] attribute (or one derived by name: [SimdFact], [FfmpegFact]).
The rename splits the PascalCase words, lower-cases them after the first, and keeps the acronyms and proper names
listed below as they are written in prose (CLIP, CRC, OpenAI, Pillow); add to them when a new one comes up.
"""
import os
import re
import sys

# Written as one word before splitting (the longest first): a name, a function or a number with its unit.
COMPOUNDS = {
    "OpenAI": "OpenAI", "HuggingFace": "HuggingFace", "FaceApis": "faceapis", "FaceApi": "faceapi",
    "LibjpegTurbo": "libjpeg_turbo", "BFloat16": "BFloat16", "Conv2D": "Conv2D", "Crc32": "CRC32",
    "MulDiv255": "MulDiv255", "VitB32": "ViT_B32", "L2": "L2", "Float64": "float64", "DType": "dtype",
    "InvalidImageException": "InvalidImageException",
}
# Words kept as written in prose; every other word after the first is lower-cased.
KEEP = {
    "CLIP": "CLIP", "Clip": "CLIP", "Crc": "CRC", "Crcs": "CRCs", "Dc": "DC", "Dct": "DCT", "Exif": "EXIF",
    "Idat": "IDAT", "Iend": "IEND", "Jfif": "JFIF", "Jpeg": "JPEG", "Json": "JSON", "Png": "PNG", "Pgm": "PGM",
    "Rgb": "RGB", "Rgba": "RGBA", "Ycc": "YCC", "Nfc": "NFC", "Eos": "EOS", "Gelu": "GELU", "Pil": "PIL",
    "Pillow": "Pillow", "Paeth": "Paeth", "Tf": "TF", "Api": "API", "I": "I", "T": "T", "Djpeg": "djpeg", "Zlib": "zlib",
}
WORD = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|\d+[a-z]*\d*")
ATTRIBUTE = re.compile(r"^\s*\[(\w*Fact|\w*Theory)\b")
METHOD = re.compile(r"^(\s*(?:public|internal)\s+(?:static\s+)?(?:async\s+)?[\w<>\[\],.?]+\s+)(\w+)(\s*\()")


def snake(name):
    """The sentence for a PascalCase name."""
    marks = {}
    text = name
    for i, (compound, written) in enumerate(sorted(COMPOUNDS.items(), key=lambda kv: -len(kv[0]))):
        if compound in text:
            placeholder = f"\0{i}\0"
            text = text.replace(compound, f" {placeholder} ")
            marks[placeholder] = written
    words = []
    for chunk in text.split():
        words.extend([marks[chunk]] if chunk in marks else WORD.findall(chunk))
    out = [w if w in marks.values() else KEEP.get(w, w.lower()) for w in words]
    sentence = "_".join(out)
    return sentence[0].upper() + sentence[1:]


def test_methods(path):
    """(line index, name) of each test method declared in the file."""
    lines = open(path, encoding="utf-8").read().split("\n")
    pending = False
    for i, line in enumerate(lines):
        if ATTRIBUTE.match(line):
            pending = True
            continue
        match = METHOD.match(line) if pending else None
        if match:
            pending = False
            yield i, match.group(2)


def main():
    fix = "--fix" in sys.argv[1:]
    found = []
    for root, _, files in os.walk("tests"):
        for file in sorted(files):
            if not file.endswith(".cs"):
                continue
            path = os.path.join(root, file)
            renames = {i: (name, snake(name)) for i, name in test_methods(path) if "_" not in name}
            if not renames:
                continue
            found.extend((path, old, new) for old, new in renames.values())
            if fix:
                lines = open(path, encoding="utf-8").read().split("\n")
                taken = {name for _, name in test_methods(path)}
                for i, (old, new) in renames.items():
                    if new in taken:
                        sys.exit(f"{path}: {old} would become {new}, which the file already has")
                    lines[i] = METHOD.sub(lambda m: m.group(1) + new + m.group(3), lines[i], count=1)
                with open(path, "w", encoding="utf-8", newline="") as out:
                    out.write("\n".join(lines))
    for path, old, new in found:
        print(f"{path}\t{old}\t{new}")
    if found and not fix:
        print(f"{len(found)} test method(s) named in PascalCase; run with --fix to rename them.", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()

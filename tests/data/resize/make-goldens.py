#!/usr/bin/python3
"""Regenerates tests/data/resize/generated/: Pillow resize goldens for Likeness.Imaging's Resampler.

Run with Debian bookworm's Pillow 9.4 (apt-get install python3-pil python3-numpy):
    /usr/bin/python3 tests/data/resize/make-goldens.py
Inputs are synthetic (seeded numpy noise) or the committed CLIP inputs; outputs are whatever Pillow writes.
RGB images are binary PPM; RGBA images are raw interleaved bytes named <stem>_<W>x<H>.rgba (PPM has no alpha).
cases.txt lists one case a line: input output filter width height [left top right bottom].
"""
import os
import numpy as np
from PIL import Image

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "generated")
FILTERS = {
    "Box": Image.Resampling.BOX,
    "Bilinear": Image.Resampling.BILINEAR,
    "Hamming": Image.Resampling.HAMMING,
    "Bicubic": Image.Resampling.BICUBIC,
    "Lanczos3": Image.Resampling.LANCZOS,
}


def save(img, stem):
    """Saves under generated/ and returns the path relative to tests/data/resize."""
    if img.mode == "RGBA":
        name = f"{stem}_{img.width}x{img.height}.rgba"
        with open(os.path.join(OUT, name), "wb") as f:
            f.write(img.tobytes())
    else:
        name = f"{stem}.ppm"
        img.save(os.path.join(OUT, name))
    return "generated/" + name


def noise(rng, w, h, mode):
    return Image.fromarray(rng.integers(0, 256, (h, w, len(mode)), dtype=np.uint8), mode)


def main():
    os.makedirs(OUT, exist_ok=True)
    rng = np.random.default_rng(20251121)
    for stem, w, h in [("wide3000x5", 3000, 5), ("tall4x2000", 4, 2000), ("small7x5", 7, 5), ("column1x40", 1, 40)]:
        save(noise(rng, w, h, "RGB"), stem)
    # Random RGBA plus runs of the alpha values Pillow treats specially (0 and 255) when un-premultiplying.
    a = rng.integers(0, 256, (23, 31, 4), dtype=np.uint8)
    a[:, :8, 3] = 255
    a[:, 8:12, 3] = 0
    a[5:9, :, 3] = 0
    rgba = Image.fromarray(a, "RGBA")
    save(rgba, "alpha31x23")

    def load(path):
        if path.endswith(".rgba"):
            stem = os.path.basename(path).rsplit("_", 1)[1][:-5]
            w, h = map(int, stem.split("x"))
            return Image.frombytes("RGBA", (w, h), open(os.path.join(HERE, path), "rb").read())
        return Image.open(os.path.join(HERE, path)).convert("RGB")

    cases = []

    def case(src, filt, w, h, box=None):
        img = load(src)
        out = img.resize((w, h), FILTERS[filt], box)
        stem = os.path.basename(src).split(".")[0].split("_")[0] + f"_{filt}"
        if img.mode != "RGBA":
            stem += f"_{w}x{h}"
        if box is not None:
            stem += "_box" + "_".join(f"{v:g}" for v in box)
        path = save(out, stem)
        line = f"{src} {path} {filt} {w} {h}"
        if box is not None:
            line += " " + " ".join(repr(float(v)) for v in box)
        cases.append(line)

    for filt in FILTERS:
        for w, h in [(20, 11), (100, 70), (53, 90), (31, 37), (7, 300)]:
            case("rand53x37.ppm", filt, w, h)
        case("rand53x37.ppm", filt, 19, 13, (3.5, 2.25, 40.75, 30.0))
        case("rand53x37.ppm", filt, 53, 37, (1.0, 0.0, 52.0, 37.0))
        case("generated/wide3000x5.ppm", filt, 7, 5)
        case("generated/wide3000x5.ppm", filt, 7, 3)
        case("generated/tall4x2000.ppm", filt, 3, 9)
        case("generated/small7x5.ppm", filt, 300, 200)
        case("generated/column1x40.ppm", filt, 5, 80)
        case("generated/column1x40.ppm", filt, 1, 7)
        case("rand53x37.ppm", filt, 1, 37)
        case("rand53x37.ppm", filt, 53, 1)
        case("rand53x37.ppm", filt, 1, 1)
        case("generated/alpha31x23_31x23.rgba", filt, 17, 40)
        case("generated/alpha31x23_31x23.rgba", filt, 9, 6)
        case("generated/alpha31x23_31x23.rgba", filt, 31, 11)
    for filt in ("Bilinear", "Lanczos3"):
        case("clip/obama_decoded_910x1137.ppm", filt, 102, 128)

    with open(os.path.join(OUT, "cases.txt"), "w") as f:
        f.write("\n".join(cases) + "\n")
    print(len(cases), "cases")


if __name__ == "__main__":
    main()

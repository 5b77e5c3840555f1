#!/usr/bin/env python3
# Builds public/samples/digits.zip: the 1797 8x8 handwritten digits bundled with scikit-learn, as
# upscaled grayscale PNGs in one folder per class. Standard library only (own PNG writer, zipfile).
"""Usage: python3 make-digits.py [digits.csv.gz] [out.zip]

Input: scikit-learn's sklearn/datasets/data/digits.csv.gz (Debian: apt-get install python3-sklearn;
it is the test set optdigits.tes of the UCI "Optical Recognition of Handwritten Digits" data).
Each line holds 64 pixel counts 0..16 (row-major 8x8) and then the class 0..9.
Output: <class>/<nnnn>.png, nnnn counting from 0001 within each class in file order; white digit
on black; 8x8 upscaled by SCALE with nearest neighbour; values mapped 0..16 -> 0..255.
The zip is byte-for-byte reproducible: fixed entry order and timestamps, PNGs stored uncompressed
(they are already deflated).
"""
import csv
import gzip
import struct
import sys
import zipfile
import zlib

DEFAULT_INPUT = '/usr/lib/python3/dist-packages/sklearn/datasets/data/digits.csv.gz'
DEFAULT_OUTPUT = 'public/samples/digits.zip'
SIDE = 8          # source images are 8x8
SCALE = 4         # 8x8 -> 32x32 so the digits are visible in a file browser
EXPECTED_ROWS = 1797
FIXED_TIME = (1998, 7, 1, 0, 0, 0)   # the data set's date; keeps the zip reproducible


def png_chunk(kind: bytes, data: bytes) -> bytes:
    """One PNG chunk: length, type, data, CRC-32 over type+data (PNG spec section 5.3)."""
    return struct.pack('>I', len(data)) + kind + data + struct.pack('>I', zlib.crc32(kind + data))


def encode_gray_png(pixels: list, width: int, height: int) -> bytes:
    """8-bit grayscale PNG (colour type 0) from row-major byte values; filter type 0 on every row."""
    header = struct.pack('>IIBBBBB', width, height, 8, 0, 0, 0, 0)
    raw = bytearray()
    for y in range(height):
        raw.append(0)  # filter byte: none
        raw.extend(pixels[y * width:(y + 1) * width])
    return (b'\x89PNG\r\n\x1a\n' + png_chunk(b'IHDR', header)
            + png_chunk(b'IDAT', zlib.compress(bytes(raw), 9)) + png_chunk(b'IEND', b''))


def upscale_counts(counts: list) -> list:
    """8x8 counts 0..16 -> (8*SCALE)^2 bytes 0..255, nearest neighbour, white ink on black."""
    side = SIDE * SCALE
    return [round(counts[(y // SCALE) * SIDE + x // SCALE] * 255 / 16)
            for y in range(side) for x in range(side)]


def read_digits(path: str) -> list:
    """(label, 64 counts) per row; checks the shape and value ranges so a wrong file fails loudly."""
    with gzip.open(path, 'rt', newline='') as f:
        rows = [[int(float(v)) for v in row] for row in csv.reader(f) if row]
    if len(rows) != EXPECTED_ROWS:
        sys.exit(f'expected {EXPECTED_ROWS} rows in {path}, found {len(rows)}')
    for i, row in enumerate(rows):
        if len(row) != SIDE * SIDE + 1 or not all(0 <= v <= 16 for v in row[:-1]) or not 0 <= row[-1] <= 9:
            sys.exit(f'row {i + 1} of {path} is not 64 counts 0..16 and a class 0..9')
    return [(row[-1], row[:-1]) for row in rows]


def write_zip(samples: list, out_path: str) -> dict:
    """Write the class folders into out_path; returns images per class."""
    per_class = {}
    side = SIDE * SCALE
    with zipfile.ZipFile(out_path, 'w', zipfile.ZIP_STORED) as archive:
        entries = []
        for label, counts in samples:
            per_class[label] = per_class.get(label, 0) + 1
            entries.append((f'{label}/{per_class[label]:04d}.png', counts))
        for name, counts in sorted(entries):
            info = zipfile.ZipInfo(name, FIXED_TIME)
            info.external_attr = 0o644 << 16
            archive.writestr(info, encode_gray_png(upscale_counts(counts), side, side))
    return per_class


def main() -> None:
    in_path = sys.argv[1] if len(sys.argv) > 1 else DEFAULT_INPUT
    out_path = sys.argv[2] if len(sys.argv) > 2 else DEFAULT_OUTPUT
    per_class = write_zip(read_digits(in_path), out_path)
    print(f'{out_path}: {sum(per_class.values())} images, per class {dict(sorted(per_class.items()))}')


if __name__ == '__main__':
    main()

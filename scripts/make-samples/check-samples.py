#!/usr/bin/env python3
# Checks every file in public/samples against samples.json: entries are complete, CSVs parse with a
# constant column count and contain their target, zips hold valid PNGs in class folders, text is UTF-8.
"""Usage: python3 check-samples.py [public/samples]   (exit status 1 and a list of problems on failure)"""
import csv
import io
import json
import os
import struct
import sys
import zipfile
import zlib

REQUIRED = ('id', 'file', 'title', 'description', 'licence', 'source', 'kind', 'format')
KINDS = {'table', 'images', 'text', 'corpus'}
FORMATS = {'csv', 'zip', 'txt'}
TASKS = {'classification', 'regression', 'language-model'}


def check_png(data: bytes) -> tuple:
    """(width, height) of an 8-bit grayscale PNG; raises ValueError when any chunk or the pixels are wrong."""
    if data[:8] != b'\x89PNG\r\n\x1a\n':
        raise ValueError('no PNG signature')
    pos, chunks = 8, []
    while pos < len(data):
        length, kind = struct.unpack('>I4s', data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        (crc,) = struct.unpack('>I', data[pos + 8 + length:pos + 12 + length])
        if zlib.crc32(kind + body) != crc:
            raise ValueError(f'bad CRC in {kind!r}')
        chunks.append((kind, body))
        pos += 12 + length
    if [k for k, _ in chunks] != [b'IHDR', b'IDAT', b'IEND']:
        raise ValueError(f'unexpected chunks {[k for k, _ in chunks]}')
    width, height, depth, colour, _, _, interlace = struct.unpack('>IIBBBBB', chunks[0][1])
    if (depth, colour, interlace) != (8, 0, 0):
        raise ValueError('not 8-bit grayscale, non-interlaced')
    if len(zlib.decompress(chunks[1][1])) != height * (width + 1):
        raise ValueError('pixel data has the wrong length')
    return width, height


def check_entry(entry: dict, folder: str) -> list:
    """Problems with one samples.json entry and its file (empty list when fine)."""
    problems = [f'{entry.get("id")}: missing {key}' for key in REQUIRED if not entry.get(key)]
    path = os.path.join(folder, entry.get('file', ''))
    if problems or not os.path.isfile(path):
        return problems + ([] if os.path.isfile(path) else [f'{entry.get("id")}: no file {path}'])
    name, kind, fmt = entry['id'], entry['kind'], entry['format']
    if kind not in KINDS or fmt not in FORMATS or entry.get('task', 'classification') not in TASKS:
        problems.append(f'{name}: unknown kind/format/task')
    raw = open(path, 'rb').read()
    if fmt in ('csv', 'txt'):
        try:
            text = raw.decode('utf-8')
        except UnicodeDecodeError as error:
            return problems + [f'{name}: not UTF-8 ({error})']
    if fmt == 'csv':
        rows = list(csv.reader(io.StringIO(text, newline='')))
        widths = {len(row) for row in rows}
        if len(widths) != 1:
            problems.append(f'{name}: rows have {sorted(widths)} columns')
        if entry.get('target') and entry['target'] not in rows[0]:
            problems.append(f'{name}: target {entry["target"]!r} not in header {rows[0]}')
        print(f'  {name}: {len(rows) - 1} rows x {rows[0] and len(rows[0])} columns {rows[0]}')
    elif fmt == 'zip':
        with zipfile.ZipFile(path) as archive:
            if archive.testzip() is not None:
                problems.append(f'{name}: corrupt member {archive.testzip()}')
            sizes, classes = set(), set()
            for info in archive.infolist():
                classes.add(info.filename.split('/')[0])
                try:
                    sizes.add(check_png(archive.read(info)))
                except ValueError as error:
                    problems.append(f'{name}: {info.filename}: {error}')
            print(f'  {name}: {len(archive.infolist())} PNGs, classes {sorted(classes)}, sizes {sorted(sizes)}')
    else:
        print(f'  {name}: {len(raw)} bytes, {text.count(chr(10))} lines of UTF-8 text')
    return problems


def main() -> None:
    folder = sys.argv[1] if len(sys.argv) > 1 else 'public/samples'
    entries = json.load(open(os.path.join(folder, 'samples.json'), encoding='utf-8'))
    ids = [entry.get('id') for entry in entries]
    problems = [f'duplicate id {i}' for i in set(ids) if ids.count(i) > 1]
    for entry in entries:
        problems += check_entry(entry, folder)
    if problems:
        sys.exit('problems:\n  ' + '\n  '.join(problems))
    print(f'{len(entries)} samples OK')


if __name__ == '__main__':
    main()

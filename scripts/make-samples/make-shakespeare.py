#!/usr/bin/env python3
# Builds public/samples/shakespeare.txt: the first ~400 KB of the "tiny shakespeare" text from
# karpathy/char-rnn, cut at the end of a speech. Standard library only.
"""Usage: python3 make-shakespeare.py input.txt [out.txt]

Input: data/tinyshakespeare/input.txt of https://github.com/karpathy/char-rnn (1,115,394 bytes,
SHA-256 86c4e6aa...c565ed at commit 6f9487a6fe5b420b7ca9afb0d7c078e37c1d1b4e); get it with
  git clone https://github.com/karpathy/char-rnn && cp char-rnn/data/tinyshakespeare/input.txt .
Output: the longest prefix of at most LIMIT bytes that ends with a blank line between speeches
(so no speech is cut in half), with a single trailing newline.
"""
import hashlib
import sys

DEFAULT_OUTPUT = 'public/samples/shakespeare.txt'
LIMIT = 400_000
EXPECTED_SHA256 = '86c4e6aa9db7c042ec79f339dcb96d42b0075e16b8fc2e86bf0ca57e2dc565ed'


def cut_at_speech(text: str, limit: int) -> str:
    """Prefix of `text` up to `limit` characters ending at the last blank line, plus one newline."""
    end = text.rfind('\n\n', 0, limit)
    if end < 0:
        sys.exit(f'no blank line in the first {limit} characters')
    return text[:end] + '\n'


def main() -> None:
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    out_path = sys.argv[2] if len(sys.argv) > 2 else DEFAULT_OUTPUT
    raw = open(sys.argv[1], 'rb').read()
    digest = hashlib.sha256(raw).hexdigest()
    if digest != EXPECTED_SHA256:
        sys.exit(f'{sys.argv[1]} has SHA-256 {digest}, expected {EXPECTED_SHA256} (another copy?)')
    text = raw.decode('ascii')  # the source is plain ASCII, so characters and bytes coincide
    excerpt = cut_at_speech(text, LIMIT)
    with open(out_path, 'w', encoding='utf-8', newline='') as f:
        f.write(excerpt)
    print(f'{out_path}: {len(excerpt.encode())} bytes, {excerpt.count(chr(10))} lines')


if __name__ == '__main__':
    main()

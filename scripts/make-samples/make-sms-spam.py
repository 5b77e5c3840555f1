#!/usr/bin/env python3
# Builds public/samples/sms-spam.csv: a seeded, class-stratified subset of the SMS Spam Collection v.1
# (Almeida and Gomez Hidalgo, 2011) as a two-column CSV. Standard library only.
"""Usage: python3 make-sms-spam.py SMSSpamCollection [out.csv]

Input: the original SMSSpamCollection file from smsspamcollection.zip (UCI data set 228): one
message per line, 'ham' or 'spam', a TAB, the raw text; 5574 lines, 4827 ham and 747 spam.
Copies that add a header line ('Label<TAB>SMS' or similar) are accepted: the header is dropped.
Output: columns label,text (RFC 4180 quoting, UTF-8, LF line ends like the other samples).
Exact duplicate messages are dropped first (the collection repeats some spam texts many times, and
duplicates would leak between a student's training and validation rows); then TOTAL messages are
drawn with the spam share of the deduplicated collection, seeded, and kept in the original order.
"""
import csv
import random
import sys

DEFAULT_OUTPUT = 'public/samples/sms-spam.csv'
TOTAL = 2000
SEED = 20110919   # any fixed number; the collection's paper is from DocEng 2011
EXPECTED = {'ham': 4827, 'spam': 747}


def read_collection(path: str) -> list:
    """(label, text) per line; verifies the label set and the documented counts."""
    with open(path, encoding='utf-8', newline='') as f:
        lines = f.read().split('\n')
    records = []
    for number, line in enumerate(lines, start=1):
        if not line:
            continue
        label, sep, text = line.partition('\t')
        if number == 1 and label.lower() not in EXPECTED:
            continue  # a header added by whoever copied the file
        if not sep or label not in EXPECTED:
            sys.exit(f'line {number} of {path} is not "ham|spam<TAB>text": {line[:60]!r}')
        records.append((label, text))
    counts = {k: sum(1 for label, _ in records if label == k) for k in EXPECTED}
    if counts != EXPECTED:
        sys.exit(f'{path} has {counts}, the original collection has {EXPECTED}')
    return records


def pick_stratified(records: list, total: int, seed: int) -> list:
    """Drop exact duplicates, then draw `total` records keeping the spam share; original order kept."""
    seen = set()
    unique = []
    for index, record in enumerate(records):
        if record not in seen:
            seen.add(record)
            unique.append((index, record))
    rng = random.Random(seed)
    chosen = []
    spam_count = sum(1 for _, (label, _) in unique if label == 'spam')
    spam_quota = round(total * spam_count / len(unique))
    for label, quota in (('spam', spam_quota), ('ham', total - spam_quota)):
        pool = [item for item in unique if item[1][0] == label]
        chosen.extend(rng.sample(pool, quota))
    return [record for _, record in sorted(chosen)]


def main() -> None:
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    out_path = sys.argv[2] if len(sys.argv) > 2 else DEFAULT_OUTPUT
    subset = pick_stratified(read_collection(sys.argv[1]), TOTAL, SEED)
    with open(out_path, 'w', encoding='utf-8', newline='') as f:
        writer = csv.writer(f, lineterminator='\n', quoting=csv.QUOTE_MINIMAL)
        writer.writerow(['label', 'text'])
        writer.writerows(subset)
    spam = sum(1 for label, _ in subset if label == 'spam')
    print(f'{out_path}: {len(subset)} messages, {spam} spam, {len(subset) - spam} ham')


if __name__ == '__main__':
    main()

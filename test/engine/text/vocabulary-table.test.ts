// Tests for the vocabulary viewer data: printable tokens (visible whitespace, \xNN for cut characters),
// counts, and coverage statistics computed by hand.
import { describe, expect, it } from 'vitest';
import { FIRST_MERGE_ID } from '../../../src/engine/text/bpe-codec';
import { fitTokenizer } from '../../../src/engine/text/tokenizer';
import { countTokens, displayText, displayToken, vocabularyTable } from '../../../src/engine/text/vocabulary-table';

describe('displayText', () => {
  it('shows spaces, newlines, tabs and invisible characters', () => {
    expect(displayText(' a\n\tb\u200b\u00a0')).toBe('\u2423a\\x0a\\x09b\\u200b\\xa0');
    expect(displayText('\ud800')).toBe('\\ud800');
    expect(displayText('日本🙂')).toBe('日本🙂');
  });
});

describe('vocabularyTable', () => {
  it('lists char tokens with counts and coverage', async () => {
    const fitted = await fitTokenizer('char', ['aab', 'a ']); // a 3, ' ' 1, b 1 -> a=5, ' '=6, b=7
    const counts = countTokens(fitted, ['aab', 'a ', 'xy']);
    const table = vocabularyTable(fitted, counts);
    expect(table.rows.map((r) => r.token)).toEqual(['<pad>', '<unk>', '<bos>', '<eos>', '<mask>', 'a', '\u2423', 'b']);
    expect(table.rows.map((r) => r.count)).toEqual([0, 2, 0, 0, 0, 3, 1, 1]);
    // 7 tokens, 2 unknown, 3 texts, 7 bytes.
    expect(table.coverage?.unknownShare).toBeCloseTo(2 / 7, 12);
    expect(table.coverage?.tokensPerText).toBeCloseTo(7 / 3, 12);
    expect(table.coverage?.bytesPerToken).toBeCloseTo(1, 12);
    expect(vocabularyTable(fitted).coverage).toBeUndefined();
  });

  it('shows BPE bytes as text when whole and as \\xNN when a character is cut', async () => {
    // '日' is e6 97 a5. Pairs: (e6,97) 4, (97,a5) 4, (a5,e6) 3; the tie goes to the smaller ids, so the
    // first merge is (97,a5), a cut character, then (e6, 97a5) = '日', then (日,日).
    const fitted = await fitTokenizer('bpe', ['日日日日 \n\n'], { vocabSize: FIRST_MERGE_ID + 3 });
    expect(displayToken(fitted, 5 + 0x0a)).toBe('\\x0a');
    expect(displayToken(fitted, 5 + 0xe6)).toBe('\\xe6');
    const tokens = vocabularyTable(fitted).rows.slice(FIRST_MERGE_ID).map((r) => r.token);
    expect(tokens).toEqual(['\\x97\\xa5', '日', '日日']);
  });

  it('reports bytes per token for BPE and rejects counts of another vocabulary', async () => {
    const fitted = await fitTokenizer('bpe', ['abab abab abab'], { vocabSize: FIRST_MERGE_ID + 2 });
    const counts = countTokens(fitted, ['abab']); // merges: (a,b) then (ab,ab) -> one token for 4 bytes
    expect(counts.tokens).toBe(1);
    expect(vocabularyTable(fitted, counts).coverage).toEqual({ unknownShare: 0, tokensPerText: 1, bytesPerToken: 4 });
    const other = await fitTokenizer('char', ['abc']);
    expect(() => vocabularyTable(other, counts)).toThrow(RangeError);
  });
});

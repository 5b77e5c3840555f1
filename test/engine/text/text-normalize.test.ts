// Tests for text normalization: NFKC known answers, HTML stripping (tags, script/style, comments, entities,
// literal '<'), URL and e-mail removal, lower case, whitespace, defaults and option validation.
import { describe, expect, it } from 'vitest';
import { stripHtml } from '../../../src/engine/text/html-strip';
import {
  DEFAULT_TEXT_NORMALIZATION,
  NO_TEXT_NORMALIZATION,
  normalizeText,
  stripEmails,
  stripUrls,
} from '../../../src/engine/text/text-normalize';

describe('stripHtml', () => {
  it('drops tags, and script content with its tags', () => {
    expect(stripHtml('<b>hi</b> &amp; <script>x</script>')).toBe('hi & ');
    expect(stripHtml('a<SCRIPT type="text/javascript">if (a < b) alert("</b>")</Script >b')).toBe('ab');
    expect(stripHtml('<style>p { color: red }</style>text')).toBe('text');
  });

  it('turns block tags into a space and inline tags into nothing', () => {
    expect(stripHtml('<p>one</p><p>two</p>')).toBe(' one  two ');
    expect(stripHtml('line<br/>next <i>it</i>alic')).toBe('line next italic');
  });

  it('skips quoted attributes, comments and declarations; keeps a literal "<"', () => {
    expect(stripHtml('<a href="x>y" title=\'>\'>link</a>')).toBe('link');
    expect(stripHtml('<!DOCTYPE html><!-- a <b>comment</b> -->x<?xml version="1.0"?>')).toBe('x');
    expect(stripHtml('if a < b and 3<4 then')).toBe('if a < b and 3<4 then');
  });

  it('decodes common and numeric entities and leaves unknown ones', () => {
    expect(stripHtml('&lt;tag&gt; &quot;q&quot; &apos;s&#39; caf&#233; caf&#xE9; &nbsp;&hellip;')).toBe(
      '<tag> "q" \'s\' café café \u00a0\u2026',
    );
    expect(stripHtml('&unknown; &amp &#0; &#xD800; &constructor;')).toBe('&unknown; &amp \ufffd \ufffd &constructor;');
    // A decoded '<' is text, not the start of a tag.
    expect(stripHtml('&lt;b&gt;bold')).toBe('<b>bold');
  });

  it('drops an unterminated tag or comment to the end', () => {
    expect(stripHtml('keep <b class="x')).toBe('keep ');
    expect(stripHtml('keep <!-- open')).toBe('keep ');
    expect(stripHtml('keep <script>open')).toBe('keep ');
  });
});

describe('stripUrls and stripEmails', () => {
  it('removes web addresses but keeps the sentence punctuation after them', () => {
    expect(stripUrls('see https://example.org/a?b=1#c. and www.test.com, ftp://f.net')).toBe('see . and , ');
    expect(stripUrls('(http://x.io/path)')).toBe('()');
    expect(stripUrls('no urls here; awww.yes')).toBe('no urls here; awww.yes');
  });

  it('removes e-mail addresses', () => {
    expect(stripEmails('mail jane.doe+tag@mail.example.co.uk or bob@ex.com!')).toBe('mail  or !');
    expect(stripEmails('a @ b, x@y')).toBe('a @ b, x@y');
  });
});

describe('normalizeText', () => {
  it('applies NFKC by default: full-width letters, the fi ligature, superscripts, composition', () => {
    expect(normalizeText('Ｈｅｌｌｏ ﬁne x² e\u0301')).toBe('Hello fine x2 \u00e9');
    expect(normalizeText('Ｈｅｌｌｏ', NO_TEXT_NORMALIZATION)).toBe('Ｈｅｌｌｏ');
  });

  it('chains every step in order', () => {
    const all = { stripHtml: true, nfkc: true, stripUrls: true, stripEmails: true, lowercase: true, collapseWhitespace: true };
    const text = '<p>Visit ＨＴＴＰＳ://Ex.com or Mail@X.org</p>\n\n<b>NOW</b> &amp;\tthen  ';
    expect(normalizeText(text, all)).toBe('visit or now & then');
  });

  it('keeps newlines unless whitespace collapsing is on', () => {
    expect(normalizeText('a  b\n\nc ')).toBe('a  b\n\nc ');
    expect(normalizeText(' a  b\n\nc ', { collapseWhitespace: true })).toBe('a b c');
  });

  it('documents its defaults and rejects non-boolean switches', () => {
    expect(DEFAULT_TEXT_NORMALIZATION).toEqual({
      stripHtml: false, nfkc: true, stripUrls: false, stripEmails: false, lowercase: false, collapseWhitespace: false,
    });
    expect(() => normalizeText('x', { lowercase: 'yes' as unknown as boolean })).toThrow(/lowercase/);
  });
});

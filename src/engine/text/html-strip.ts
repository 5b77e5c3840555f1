// Removes HTML markup from text with a small state machine (no DOM, nothing is parsed as a document,
// executed or rendered) and decodes a handful of common character references.

/** Elements that separate words when rendered: their tags become one space, other tags vanish. */
const BLOCK_ELEMENTS = new Set([
  'address', 'article', 'aside', 'blockquote', 'br', 'dd', 'div', 'dl', 'dt', 'figcaption', 'figure', 'footer',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'li', 'main', 'nav', 'ol', 'p', 'pre', 'section', 'table',
  'tbody', 'td', 'th', 'thead', 'tr', 'ul',
]);

/** Named references decoded; any other `&name;` is left as written. */
const NAMED_ENTITIES: Readonly<Record<string, string>> = Object.assign(Object.create(null) as Record<string, string>, {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', copy: '\u00a9', reg: '\u00ae',
  hellip: '\u2026', mdash: '\u2014', ndash: '\u2013', lsquo: '\u2018', rsquo: '\u2019', ldquo: '\u201c',
  rdquo: '\u201d', euro: '\u20ac',
});

const ENTITY_AT = /&(?:#(\d{1,8})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z]{2,8}));/y;
const TAG_NAME_AT = /\/?([a-zA-Z][a-zA-Z0-9-]*)/y;

/**
 * Decodes the character reference starting at `text[at]` (which is '&'). Returns the decoded text and the
 * index after the reference, or null when it is not a reference we decode (then the '&' stays literal).
 * Numeric references to 0, surrogates or beyond U+10FFFF decode to U+FFFD, as browsers do.
 */
function decodeEntityAt(text: string, at: number): { value: string; end: number } | null {
  ENTITY_AT.lastIndex = at;
  const match = ENTITY_AT.exec(text);
  if (match === null) return null;
  const end = at + match[0].length;
  if (match[3] !== undefined) {
    const named = NAMED_ENTITIES[match[3].toLowerCase()];
    return named === undefined ? null : { value: named, end };
  }
  const code = match[1] !== undefined ? Number.parseInt(match[1], 10) : Number.parseInt(match[2], 16);
  const valid = code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff);
  return { value: valid ? String.fromCodePoint(code) : '\ufffd', end };
}

/** Index just after the '>' closing the tag that starts at `from`, skipping quoted attribute values; -1 if none. */
function findTagEnd(text: string, from: number): number {
  let quote = '';
  for (let i = from; i < text.length; i++) {
    const ch = text[i];
    if (quote !== '') {
      if (ch === quote) quote = '';
    } else if (ch === '"' || ch === "'") {
      quote = ch;
    } else if (ch === '>') {
      return i + 1;
    }
  }
  return -1;
}

/**
 * Elements whose content is code or styling rather than text, dropped together with their tags: case-insensitive
 * finders of their closing `</script` / `</style` followed by '>', '/', whitespace or the end.
 */
const RAW_TEXT_CLOSE: Record<string, RegExp> = {
  script: /<\/script(?=[\s/>]|$)/gi,
  style: /<\/style(?=[\s/>]|$)/gi,
};

/** Index of the `</name` that closes a raw-text element, or -1. (A regex, not toLowerCase: that can change lengths.) */
function findRawTextClose(text: string, from: number, name: string): number {
  const pattern = RAW_TEXT_CLOSE[name];
  pattern.lastIndex = from;
  const match = pattern.exec(text);
  return match === null ? -1 : match.index;
}

/**
 * Returns `text` without HTML markup. Tags vanish (block-level tags such as `<p>`, `<br>`, `<li>` become one
 * space so words do not run together); `<script>` and `<style>` elements are dropped with their content;
 * comments `<!-- -->`, doctype/declarations `<!...>` and `<?...?>` are dropped. A '<' not followed by a
 * letter, '/', '!' or '?' is ordinary text ("a < b" stays). A tag or comment left open at the end drops the
 * rest of the text. Decodes `&amp; &lt; &gt; &quot; &apos; &nbsp;` (as U+00A0), a few typographic names
 * and numeric references (`&#233;`, `&#xE9;`; the ';' is required). Pure; linear in the text length.
 */
export function stripHtml(text: string): string {
  const out: string[] = [];
  let plainStart = 0;
  let i = 0;
  const flushPlain = (end: number) => {
    if (end > plainStart) out.push(text.slice(plainStart, end));
  };
  while (i < text.length) {
    const ch = text[i];
    if (ch === '&') {
      const entity = decodeEntityAt(text, i);
      if (entity !== null) {
        flushPlain(i);
        out.push(entity.value);
        i = plainStart = entity.end;
        continue;
      }
      i += 1;
      continue;
    }
    if (ch !== '<') {
      i += 1;
      continue;
    }
    const next = text[i + 1] ?? '';
    let end: number;
    let replacement = '';
    if (text.startsWith('<!--', i)) {
      const close = text.indexOf('-->', i + 4);
      end = close < 0 ? text.length : close + 3;
    } else if (next === '!' || next === '?') {
      const close = text.indexOf('>', i + 2);
      end = close < 0 ? text.length : close + 1;
    } else {
      TAG_NAME_AT.lastIndex = i + 1;
      const name = TAG_NAME_AT.exec(text);
      if (name === null) {
        i += 1; // A literal '<'.
        continue;
      }
      const tagName = name[1].toLowerCase();
      const closing = next === '/';
      const tagEnd = findTagEnd(text, i + 1 + name[0].length);
      end = tagEnd < 0 ? text.length : tagEnd;
      if (!closing && Object.hasOwn(RAW_TEXT_CLOSE, tagName) && tagEnd >= 0) {
        const close = findRawTextClose(text, end, tagName);
        const closeEnd = close < 0 ? -1 : findTagEnd(text, close + tagName.length + 2);
        end = closeEnd < 0 ? text.length : closeEnd;
      }
      if (BLOCK_ELEMENTS.has(tagName)) replacement = ' ';
    }
    flushPlain(i);
    if (replacement !== '') out.push(replacement);
    i = plainStart = end;
  }
  flushPlain(text.length);
  return out.join('');
}

// Text normalization before tokenizing: the TextNormalization switches, their defaults and normalizeText.
// HTML stripping itself lives in html-strip.ts.

import { stripHtml } from './html-strip';

/** Which clean-ups to apply; each is independent. Stored inside every fitted tokenizer. */
export interface TextNormalization {
  /** Remove HTML tags, comments, script/style elements; decode common entities (see stripHtml). Default false. */
  stripHtml: boolean;
  /**
   * Unicode NFKC: compatibility forms to their plain equivalents (full-width 'Ａ' -> 'A', ligature 'ﬁ' -> 'fi',
   * '²' -> '2') and canonical composition (e + combining acute -> 'é'). Default true.
   */
  nfkc: boolean;
  /** Remove web addresses (http://, https://, ftp://, www.); trailing sentence punctuation is kept. Default false. */
  stripUrls: boolean;
  /** Remove e-mail addresses (name@domain.tld). Default false. */
  stripEmails: boolean;
  /** Lower-case with String.prototype.toLowerCase (locale-independent). Default false. */
  lowercase: boolean;
  /** Replace every run of whitespace (newlines included) by one space and trim both ends. Default false. */
  collapseWhitespace: boolean;
}

/** Defaults: only NFKC, which never loses meaning; the rest change the text and are opt-in. */
export const DEFAULT_TEXT_NORMALIZATION: Readonly<TextNormalization> = Object.freeze({
  stripHtml: false,
  nfkc: true,
  stripUrls: false,
  stripEmails: false,
  lowercase: false,
  collapseWhitespace: false,
});

/** Every switch off: normalizeText returns its input unchanged (used where text must round-trip exactly). */
export const NO_TEXT_NORMALIZATION: Readonly<TextNormalization> = Object.freeze({
  stripHtml: false,
  nfkc: false,
  stripUrls: false,
  stripEmails: false,
  lowercase: false,
  collapseWhitespace: false,
});

// A scheme or 'www.' at a word start, then anything up to whitespace, quotes or angle brackets.
const URL_PATTERN = /(?<![\p{L}\p{N}_])(?:(?:https?|ftp):\/\/|www\.)[^\s<>"'`]+/giu;
// Characters that usually end the sentence around a URL rather than belong to it.
const URL_TRAILING = /[.,;:!?)\]}'"]+$/u;
const EMAIL_PATTERN = /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;

/** Returns `text` without URLs; punctuation right after a URL ("see https://a.org.") stays. Pure. */
export function stripUrls(text: string): string {
  return text.replace(URL_PATTERN, (url) => {
    const trailing = URL_TRAILING.exec(url);
    return trailing === null ? '' : trailing[0];
  });
}

/** Returns `text` without e-mail addresses. Pure. */
export function stripEmails(text: string): string {
  return text.replace(EMAIL_PATTERN, '');
}

/**
 * Completes partial options with the defaults and checks that every field is a boolean.
 * Throws a RangeError naming the field otherwise (e.g. from a hand-edited spec).
 */
export function resolveTextNormalization(
  options: Partial<TextNormalization> = {},
  defaults: Readonly<TextNormalization> = DEFAULT_TEXT_NORMALIZATION,
): TextNormalization {
  const resolved = { ...defaults, ...options };
  for (const key of Object.keys(DEFAULT_TEXT_NORMALIZATION) as (keyof TextNormalization)[]) {
    if (typeof resolved[key] !== 'boolean') {
      throw new RangeError(`Text normalization '${key}' must be true or false, got ${String(resolved[key])}.`);
    }
  }
  return resolved;
}

/**
 * Applies the chosen clean-ups in a fixed order: HTML (so entities decode before anything else), NFKC (so
 * full-width URLs and letters become plain), e-mails (before URLs, as an address can contain 'www.'), URLs,
 * lower case, whitespace. Missing options take DEFAULT_TEXT_NORMALIZATION. Pure.
 */
export function normalizeText(text: string, options: Partial<TextNormalization> = {}): string {
  const o = resolveTextNormalization(options);
  let out = text;
  if (o.stripHtml) out = stripHtml(out);
  if (o.nfkc) out = out.normalize('NFKC');
  if (o.stripEmails) out = stripEmails(out);
  if (o.stripUrls) out = stripUrls(out);
  if (o.lowercase) out = out.toLowerCase();
  if (o.collapseWhitespace) out = out.replace(/\s+/gu, ' ').trim();
  return out;
}

// Character classes of the streaming JSON tokenizer (json-stream.ts): number tokens, literals,
// escapes and whitespace, by UTF-16 code unit.

/** A complete JSON number token. */
export const NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
/** Characters a JSON number token can hold: digits, sign, point and exponent mark. */
export const isNumberChar = (c: number) => (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2b || c === 0x2e || c === 0x65 || c === 0x45;
/** Lower-case ASCII letter (the literals true, false, null). */
export const isLetter = (c: number) => c >= 0x61 && c <= 0x7a;

/** The one-letter escapes: \" \\ \/ \b \f \n \r \t. */
export const ESCAPES = new Map<number, string>([[0x22, '"'], [0x5c, '\\'], [0x2f, '/'], [0x62, '\b'], [0x66, '\f'], [0x6e, '\n'], [0x72, '\r'], [0x74, '\t']]);

/** JSON whitespace: space, tab, LF, CR. */
export const isBlank = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;

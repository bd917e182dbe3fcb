/**
 * The one sanitizer for text that reaches a terminal (README, Output conventions).
 *
 * C0 controls except newline and tab, DEL, C1 controls and bidi overrides/isolates are shown as
 * `\uXXXX`. That form is also a valid JSON escape with the same meaning, so sanitising a JSON
 * document keeps it parseable and exact. Stored data is never passed through this: only display.
 */
// eslint-disable-next-line no-control-regex -- the terminal sanitiser: control characters are what it escapes
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g

export function sanitizeTerminal(text: string): string {
  return text.replace(UNSAFE, (ch) => '\\u' + ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0'))
}

/**
 * The UTF-8 bytes of `sanitizeTerminal(json)`, for JSON.stringify's text (which escapes every C0
 * control and lone surrogate: only its layout's line breaks are left): the regex is run only when
 * the bytes hold the lead byte of a character it changes, followed as that character's are. A
 * `--json` output of 10,000 entries is ~5 MB of text with nothing to change, and the bytes are
 * made for stdout anyway; a few byte searches over them (memchr) replace ~5 ms of regex.
 */
export function jsonForTerminal(json: string): Uint8Array {
  const bytes = Buffer.from(json, 'utf8')
  return mayHoldUnsafe(bytes) ? Buffer.from(sanitizeTerminal(json), 'utf8') : bytes
}

/**
 * Whether UTF-8 `bytes` hold a character of UNSAFE other than the C0 controls: DEL (7F), a C1
 * control (C2 80–9F), U+061C (D8 9C), U+200E–200F and U+202A–202E (E2 80 8E–8F, AA–AE), U+2066–2069
 * (E2 81 A6–A9). A lead byte is never a continuation byte: each found starts a character.
 */
function mayHoldUnsafe(bytes: Buffer): boolean {
  if (bytes.indexOf(0x7f) !== -1) return true
  for (let at = bytes.indexOf(0xc2); at !== -1; at = bytes.indexOf(0xc2, at + 1)) if (bytes[at + 1]! <= 0x9f) return true
  for (let at = bytes.indexOf(0xd8); at !== -1; at = bytes.indexOf(0xd8, at + 1)) if (bytes[at + 1] === 0x9c) return true
  for (let at = bytes.indexOf(0xe2); at !== -1; at = bytes.indexOf(0xe2, at + 1)) {
    const [second, third] = [bytes[at + 1]!, bytes[at + 2]!]
    if (second === 0x80 && (third === 0x8e || third === 0x8f || (third >= 0xaa && third <= 0xae))) return true
    if (second === 0x81 && third >= 0xa6 && third <= 0xa9) return true
  }
  return false
}

// eslint-disable-next-line no-control-regex -- what oneLine changes: control characters (line breaks and tabs among them) and bidi marks
const CHANGED = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/

/** Single-line display text: sanitised, with line breaks and tabs folded to spaces. */
export function oneLine(text: string): string {
  // Most text has nothing to change: one test, no copies (a list of 10,000 rows runs this 40,000 times).
  return CHANGED.test(text) ? sanitizeTerminal(text.replace(/[\r\n\t]+/g, ' ')) : text
}

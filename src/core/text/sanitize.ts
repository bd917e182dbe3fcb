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

// eslint-disable-next-line no-control-regex -- what oneLine changes: control characters (line breaks and tabs among them) and bidi marks
const CHANGED = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/

/** Single-line display text: sanitised, with line breaks and tabs folded to spaces. */
export function oneLine(text: string): string {
  // Most text has nothing to change: one test, no copies (a list of 10,000 rows runs this 40,000 times).
  return CHANGED.test(text) ? sanitizeTerminal(text.replace(/[\r\n\t]+/g, ' ')) : text
}

/** Text as one word of a POSIX shell command line, for commands precis prints to be copied. */

/** `text` single-quoted for a POSIX shell: every character literal, a `'` written as `'\\''`. */
export function singleQuoted(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`
}

/** `text` as one shell word: as it is when the shell leaves it so, else single-quoted. */
export function shellWord(text: string): string {
  return /^[\w./@%+=:,-]+$/.test(text) ? text : singleQuoted(text)
}

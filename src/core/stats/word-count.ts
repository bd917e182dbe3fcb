import { isWordCharAt } from '../text/words.js'

const SPACE = /\s/

/**
 * Words in a text, counted like `wc -w` but only runs holding a letter or digit. A loop over
 * character codes rather than a regex: it runs over every body of the library.
 */
export function countWords(text: string): number {
  let count = 0
  let counted = false // the current run of non-space characters has been counted
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    const space = code < 128 ? code === 32 || (code >= 9 && code <= 13) : SPACE.test(text[i]!)
    if (space) counted = false
    else if (!counted && isWordCharAt(text, i)) {
      count++
      counted = true
    }
  }
  return count
}

/**
 * Stop words: words so common that a pasted sentence's `the`, `of` and `what` say nothing about
 * which entries it is after. A search leaves them out of what must match (they still count in an
 * exact phrase); a query of stop words alone looks for them (`to be or not to be`).
 */

/** Lucene's English stop words (the classic 33), which every engine leaves out. */
const LUCENE =
  'a an and are as at be but by for if in into is it no not of on or such that the their then there these they this to was will with'

/** The words questions and claims are built of, beyond Lucene's: `what`, `how`, `does`, `been`. */
const QUESTIONS =
  'what which who whom whose how why when where do does did done can could has have had having been being were would should may might must shall so than its from also we our us you your he she his her them those about any some'

const WORDS = new Set(`${LUCENE} ${QUESTIONS}`.split(' '))

/** Whether a (normalised, lowercase) word is a stop word. */
export function isStopWord(word: string): boolean {
  return WORDS.has(word)
}

/**
 * The words to search for a summary's paper with, when the person gives none: the words that
 * characterise the summary. A summary names its paper's method and data (`ELECTRA`, `QM9`,
 * `Gaussian`), its authors (`Rasmussen`), and says what the paper does in its first sentences; it
 * also talks about itself ("this paper", "the authors", "interesting"), which says nothing. So:
 * words by frequency, raised when capitalised inside a sentence (names, acronyms) and when in the
 * opening sentences, with function words and the vocabulary of writing about papers left out.
 */
import { similarityTerms } from '../related/text.js'
import { textKeys } from '../text/words.js'

/** How many words a search takes: enough to find the paper, few enough to keep the services precise. */
export const QUERY_WORD_COUNT = 8

/** Words any summary uses, whatever its paper: writing about papers, and the generic parts of a model or experiment. */
const SUMMARY_WORDS = new Set(
  (
    'paper papers author authors propose proposes proposed approach approaches method methods result results work works ' +
    'show shows shown find finds found idea ideas interesting think actually like just really little way thing things ' +
    'something example first second third different new well even much many make makes made take takes get gets given ' +
    'case point note set however instead since because while though still already able quite rather year years time ' +
    'good better best high higher low lower large small level part based specific simple general notion sense fact ' +
    'seem seems context terms term what whether within without where here there now yet again another same order ' +
    'want need needs going means mean kind sort bit lot around out off back per via etc overall particular particularly ' +
    'important key main interesting approach present presents introduce introduces introduction discuss discusses ' +
    'describe describes focus focuses tutorial summary summaries reading read section sections figure figures table ' +
    'experiment experiments experimental empirical empirically test tests tested testing question questions answer ' +
    'try tries tried trying able possible potentially likely perhaps maybe really single several various following ' +
    'learn learns learned learning model models network networks data dataset datasets task tasks training train trained ' +
    'information representation representations architecture architectures performance value values vector vectors ' +
    'function functions true real scale input inputs output outputs parameter parameters layer layers loss objective ' +
    'problem problems system systems framework step steps number numbers amount term terms type types form structure'
  )
    .split(' ')
    .flatMap(textKeys),
)

// Math, links and Markdown image syntax name no topic words (and `\pmb{x}` would read as words).
// Each span is bounded, so an unclosed `\(` or `![` costs a bounded look ahead, not the rest of the text.
const NOT_PROSE =
  /\$\$[\s\S]{0,4000}?\$\$|\$[^$\n]{1,400}?\$|\\\([\s\S]{0,4000}?\\\)|\\\[[\s\S]{0,4000}?\\\]|!\[[^\]\n]{0,400}\]\([^)\n]{0,2000}\)|https?:\/\/\S+/g
/** Sentences counted as the opening, where a summary says what the paper is about. */
const OPENING_SENTENCES = 3
const NAME_BOOST = 2
const OPENING_BOOST = 1.5

/** The words of a text that can say what a paper is about: search keys, without function words and the vocabulary of writing about papers. */
export function contentTerms(text: string): string[] {
  return similarityTerms(text).filter((term) => !SUMMARY_WORDS.has(term))
}

/** The words a summary's text is best searched by, best first (search keys: lowercase, singular). */
export function queryWords(text: string, count = QUERY_WORD_COUNT): string[] {
  // An initial's full stop ("Carl E. Rasmussen") does not end a sentence.
  const prose = text.replace(NOT_PROSE, ' ').replace(/\b(\p{Lu})\.(?=\s+\p{Lu})/gu, '$1')
  const tf = new Map<string, number>()
  for (const term of contentTerms(prose)) tf.set(term, (tf.get(term) ?? 0) + 1)
  const names = capitalisedInside(prose)
  const opening = new Set(
    contentTerms(
      prose
        .split(/(?<=[.!?])\s+/)
        .slice(0, OPENING_SENTENCES)
        .join(' '),
    ),
  )
  return [...tf]
    .map(([term, f]) => ({ term, score: (1 + Math.log(f)) * (names.has(term) ? NAME_BOOST : 1) * (opening.has(term) ? OPENING_BOOST : 1) }))
    .sort((a, b) => b.score - a.score || (a.term < b.term ? -1 : 1))
    .slice(0, count)
    .map((entry) => entry.term)
}

/**
 * Words written with a capital (or a digit after letters: `QM9`) somewhere other than at the start
 * of a sentence: names and acronyms, as search keys.
 */
function capitalisedInside(text: string): Set<string> {
  // The cheap look-behind and the letter first: the sentence-start test, which reads back over
  // white space, then runs only where a word begins.
  const found = new Set<string>()
  for (const match of text.matchAll(/(?<=[\s(“"'-])(?=\p{L})(?<![.!?:\n]\s*|^\s*)(\p{Lu}[\p{L}\p{N}]*|\p{L}+\d[\p{L}\p{N}]*)/gu)) {
    for (const key of textKeys(match[1]!)) found.add(key)
  }
  return found
}

/**
 * Plural/singular folding for search keys: `networks` and `network`, `studies` and `study`,
 * `classes` and `class`, `vertices` and `vertex` fold to the same key.
 *
 * Hand-written on purpose: stemmers (Porter, Snowball) fold far more than number and join words a
 * reader keeps apart (Porter turns `general`, `generation` and `generative` into `gener`), and
 * search has to invert the folding (`surfaceForms`) to find words in raw text without tokenising it.
 * Only ASCII words are folded; everything else is its own key.
 */

// Plurals that the rules below would get wrong (Latin and Greek plurals, -f/-fe, -o + es, -ches from -che).
const IRREGULAR: ReadonlyMap<string, string> = new Map([
  ['analyses', 'analysis'],
  ['hypotheses', 'hypothesis'],
  ['theses', 'thesis'],
  ['syntheses', 'synthesis'],
  ['parentheses', 'parenthesis'],
  ['diagnoses', 'diagnosis'],
  ['crises', 'crisis'],
  ['axes', 'axis'],
  ['vertices', 'vertex'],
  ['indices', 'index'],
  ['matrices', 'matrix'],
  ['simplices', 'simplex'],
  ['appendices', 'appendix'],
  ['criteria', 'criterion'],
  ['phenomena', 'phenomenon'],
  ['schemata', 'schema'],
  ['formulae', 'formula'],
  ['lemmata', 'lemma'],
  ['corpora', 'corpus'],
  ['genera', 'genus'],
  ['foci', 'focus'],
  ['radii', 'radius'],
  ['nuclei', 'nucleus'],
  ['stimuli', 'stimulus'],
  ['loci', 'locus'],
  ['children', 'child'],
  ['people', 'person'],
  ['men', 'man'],
  ['women', 'woman'],
  ['mice', 'mouse'],
  ['feet', 'foot'],
  ['teeth', 'tooth'],
  ['geese', 'goose'],
  ['leaves', 'leaf'],
  ['halves', 'half'],
  ['selves', 'self'],
  ['lives', 'life'],
  ['wives', 'wife'],
  ['knives', 'knife'],
  ['shelves', 'shelf'],
  ['biases', 'bias'],
  ['aliases', 'alias'],
  ['atlases', 'atlas'],
  ['canvases', 'canvas'],
  ['gases', 'gas'],
  ['buses', 'bus'],
  ['lenses', 'lens'],
  ['heroes', 'hero'],
  ['potatoes', 'potato'],
  ['tomatoes', 'tomato'],
  ['echoes', 'echo'],
  ['vetoes', 'veto'],
  ['caches', 'cache'],
  ['niches', 'niche'],
  ['avalanches', 'avalanche'],
])

// Words ending in "s" that are not plurals of a shorter word.
const INVARIANT = new Set([
  'bias',
  'alias',
  'atlas',
  'canvas',
  'gas',
  'lens',
  'news',
  'series',
  'species',
  'bayes',
  'always',
  'perhaps',
  'whereas',
  'has',
  'was',
  'does',
  'its',
  'yes',
  'thus',
  'plus',
  'chaos',
  'cosmos',
  'kudos',
])

const SINGULAR_OF = IRREGULAR
const PLURALS_OF = new Map<string, string[]>()
for (const [plural, singular] of IRREGULAR) PLURALS_OF.set(singular, [...(PLURALS_OF.get(singular) ?? []), plural])

/** The key a (normalised, lowercase) word folds to; singular and plural of a noun share it. */
export function foldPlural(word: string): string {
  const irregular = SINGULAR_OF.get(word)
  if (irregular !== undefined) return irregular
  if (word.length < 3 || INVARIANT.has(word) || !/^[a-z]+$/.test(word)) return word
  if (word.length >= 5 && word.endsWith('ies')) return word.slice(0, -3) + 'y'
  if (word.length >= 5 && word.endsWith('ie')) return word.slice(0, -2) + 'y' // movie/movies → movy
  if (/(?:ss|us|is)$/.test(word)) return word
  if (/(?:sses|xes|zzes|ches|shes)$/.test(word)) return word.slice(0, -2)
  if (word.endsWith('s')) return word.slice(0, -1)
  return word
}

/** The irregular plurals (`vertices`) with their singulars (`vertex`). */
export function irregularPlurals(): ReadonlyMap<string, string> {
  return IRREGULAR
}

/** Every word that folds to `key` (the inverse of `foldPlural`): `graph` → graph, graphs. */
export function surfaceForms(key: string): string[] {
  const candidates = [key, key + 's', key + 'es', ...(PLURALS_OF.get(key) ?? [])]
  if (key.endsWith('y')) candidates.push(key.slice(0, -1) + 'ies', key.slice(0, -1) + 'ie')
  return [...new Set(candidates.filter((word) => foldPlural(word) === key))]
}

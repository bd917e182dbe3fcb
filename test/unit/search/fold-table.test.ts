import { expect, it } from 'vitest'
import { foldEach, isWordCharAt, wordOfFolded } from '../../../src/core/text/words.js'

// The characters a plain spelling cannot match (the others fold to themselves): accented and
// stroked Latin letters, combining marks, Greek letters, Latin ligatures.
const FOLDING_RANGES: readonly (readonly [number, number])[] = [
  [0x00b5, 0x00b5],
  [0x00c0, 0x02af],
  [0x0300, 0x036f],
  [0x0370, 0x03ff],
  [0x1e00, 0x1fff],
  [0xfb00, 0xfb06],
]

/** The table of folded letters (core/search/fold.ts), from the tokenizer's own folding: lists of [folded, characters]. */
function foldTable(): Record<'single' | 'several' | 'alone', [string, string][]> {
  const maps = { single: new Map<string, string>(), several: new Map<string, string>(), alone: new Map<string, string>() }
  const append = (map: Map<string, string>, key: string, char: string) => map.set(key, (map.get(key) ?? '') + char)
  const chars: string[] = []
  for (const [from, to] of FOLDING_RANGES) {
    for (let code = from; code <= to; code++) {
      const char = String.fromCharCode(code)
      if (isWordCharAt(char, 0)) chars.push(char)
    }
  }
  const folds = foldEach(chars)
  chars.forEach((char, i) => {
    const folded = folds[i]!
    if ([...folded].length === 1) append(maps.single, folded, char)
    else if (folded.length > 1) append(maps.several, folded, char)
    const word = wordOfFolded(folded)
    if (word !== folded) append(maps.alone, word, char)
  })
  return { single: [...maps.single], several: [...maps.several], alone: [...maps.alone] }
}

/** JSON with every character beyond ASCII escaped: combining marks and look-alike letters stay readable in the source. */
const asciiJson = (value: unknown) =>
  JSON.stringify(value).replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)

it('the table of folded letters in src/ is the one the tokenizer folds to (`-u` writes it again)', async () => {
  const table = foldTable()
  expect(table.single.length).toBeGreaterThan(20)
  const source = `// Written by test/unit/search/fold-table.test.ts from the tokenizer's folding (core/text/words.ts) of
// accented and stroked Latin letters, combining marks, Greek letters and Latin ligatures; the test
// fails when the folding changes, and \`npx vitest run test/unit/search/fold-table.test.ts -u\` writes
// it again. Computed at every search's first snippet, it cost ~3 ms of code running once.

/** The table of folded letters (fold.ts), as JSON: for each of single, several and alone, a list of [folded, characters]. */
export const FOLD_TABLE_JSON =
  '${asciiJson(table).replace(/\\/g, '\\\\')}'
`
  await expect(source).toMatchFileSnapshot('../../../src/core/search/fold-table.ts')
})

/** Titles compared as people read them: the same title whatever its case, accents, punctuation and spacing. */

/** Title folded for identity: case, accents, punctuation and spacing do not matter. */
export function normalizeTitle(title: string): string {
  return title
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
}

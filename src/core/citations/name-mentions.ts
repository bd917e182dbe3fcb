import { mayHoldCitations } from './citations.js'

/** Final sigma as small sigma: the one letter String#toLowerCase lowers by what surrounds it (Σ is ς at a word's end, else σ). */
const sigmaFolded = (text: string) => text.replaceAll('ς', 'σ')

/**
 * Whether a body may hold a citation whose key CitationResolver looks up as one of `names` (each a
 * key lower-cased, as it looks keys up): false only where no citation in the body has such a key,
 * so its citations are found again only in the bodies this says true of (a false true costs one
 * body's scan; a false false would leave citations stale).
 *
 * Exact by construction: a key is a piece of its body, and String#toLowerCase lowers text one code
 * point at a time but for Σ (final or not by its neighbours, which a key alone and the body around it
 * may see differently). So a key lowering to `name` leaves `name` in the body lowered, once both fold
 * ς into σ. The lowering is paid only by bodies that may hold a citation at all (mayHoldCitations).
 */
export function mayCiteAnyOf(names: readonly string[]): (body: string) => boolean {
  if (names.length === 0) return () => false
  const folded = names.map(sigmaFolded)
  return (body) => {
    if (!mayHoldCitations(body)) return false
    const lowered = sigmaFolded(body.toLowerCase())
    return folded.some((name) => lowered.includes(name))
  }
}

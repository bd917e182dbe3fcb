/**
 * Names that are one name whole: organisations ("ATLAS Collaboration") and lists a source gave as
 * one name ("Hen Dotan, Nripan Mathews"). They are stored in braces, as BibTeX writes them, so no
 * reader splits them into given and family names; they are shown without the braces.
 */

/** `name` marked as one name whole. */
export function literalName(name: string): string {
  return `{${name}}`
}

/** The text of a name stored whole, or null for a person's name. */
export function literalNameText(name: string): string | null {
  const trimmed = name.trim()
  if (!trimmed.startsWith('{') || !trimmed.endsWith('}')) return null
  // `{A} and {B}` is braced at both ends but not one braced name.
  let depth = 0
  for (let i = 0; i < trimmed.length - 1; i++) {
    depth += trimmed[i] === '{' ? 1 : trimmed[i] === '}' ? -1 : 0
    if (depth === 0) return null
  }
  return trimmed.slice(1, -1).trim()
}

/** A name as people read it: a name stored whole without its braces. */
export function displayName(name: string): string {
  return literalNameText(name) ?? name
}

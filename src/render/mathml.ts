/**
 * A reader for the MathML that temml writes.
 *
 * Hand-written rather than a general XML parser because the input is not arbitrary XML: temml's
 * serializer emits only elements, double-quoted attributes and text escaped with five entities
 * (&amp; &lt; &gt; &quot; &#x27;). Reading exactly that subset is a few lines, costs no start-up,
 * and anything outside it is reported as an error rather than guessed at.
 */

export interface MathElement {
  /** Element name, e.g. `mi`, `msub`, `mrow`. */
  name: string
  /** Attributes as written (already unescaped). */
  attrs: Map<string, string>
  children: MathChild[]
}

/** An element or a run of text. */
export type MathChild = MathElement | string

const TOKEN = /<(\/?)([a-zA-Z][\w-]*)((?:\s+[\w:-]+="[^"]*")*)\s*(\/?)>|([^<]+)/y
const ATTRIBUTE = /([\w:-]+)="([^"]*)"/g
const ENTITIES = new Map([
  ['&amp;', '&'],
  ['&lt;', '<'],
  ['&gt;', '>'],
  ['&quot;', '"'],
  ['&#x27;', "'"],
])

function unescapeXml(text: string): string {
  return text.replace(/&(?:amp|lt|gt|quot|#x27);/g, (entity) => ENTITIES.get(entity) ?? entity)
}

/** Parses temml's MathML into a tree rooted at the `<math>` element; throws on anything else. */
export function parseMathML(markup: string): MathElement {
  const root: MathElement = { name: '#root', attrs: new Map(), children: [] }
  const open: MathElement[] = [root]
  TOKEN.lastIndex = 0
  while (TOKEN.lastIndex < markup.length) {
    const match = TOKEN.exec(markup)
    if (!match) throw new Error(`unexpected MathML at ${TOKEN.lastIndex}`)
    const [, closing, name, attrText, selfClosing, text] = match
    const parent = open[open.length - 1] as MathElement
    if (text !== undefined) {
      parent.children.push(unescapeXml(text))
    } else if (closing) {
      if (parent.name !== name) throw new Error(`mismatched </${name}>`)
      open.pop()
    } else {
      const attrs = new Map<string, string>()
      for (const [, key, value] of (attrText ?? '').matchAll(ATTRIBUTE)) {
        attrs.set(key as string, unescapeXml(value as string))
      }
      const element: MathElement = { name: name as string, attrs, children: [] }
      parent.children.push(element)
      if (!selfClosing) open.push(element)
    }
  }
  const math = root.children[0]
  if (open.length !== 1 || root.children.length !== 1 || typeof math === 'string' || math?.name !== 'math') {
    throw new Error('not a single <math> element')
  }
  return math
}

/** The concatenated text inside a node. */
export function textContent(node: MathChild): string {
  return typeof node === 'string' ? node : node.children.map(textContent).join('')
}

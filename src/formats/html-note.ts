/**
 * Notes written as HTML (Zotero's note editor, RIS `N1` from Zotero) as Markdown: paragraphs,
 * headings, emphasis, code, links, lists, quotes, and Zotero's math (`<span class="math">$x$</span>`)
 * kept as its TeX. Tags are read by one linear pattern, not an HTML parser: a note is small and
 * regular, and unknown tags are dropped with their text kept, so nothing of what it says is lost
 * and no nesting can exhaust the stack. Text that is not HTML is returned as it is.
 */
import { decodeHTML } from 'entities'

const TAG = /<(\/?)([a-z][a-z0-9]*)\b((?:[^>"']|"[^"]*"|'[^']*')*)>/gi
const SKIPPED = /<(script|style|title|head)\b[\s\S]*?<\/\1\s*>|<!--[\s\S]*?-->/gi

const INLINE: ReadonlyMap<string, string> = new Map([
  ['strong', '**'],
  ['b', '**'],
  ['em', '*'],
  ['i', '*'],
  ['code', '`'],
  ['s', '~~'],
  ['del', '~~'],
])

/** Whether `text` reads as HTML: it has at least one element precis knows. */
export function looksLikeHtml(text: string): boolean {
  return /<(p|div|br|h[1-6]|ul|ol|li|strong|em|b|i|a|pre|blockquote|span)\b[^>]*>/i.test(text)
}

/** `html` as Markdown; text that is not HTML comes back as it is. */
export function htmlNoteToMarkdown(html: string): string {
  if (!looksLikeHtml(html)) return html
  const lists: Array<{ ordered: boolean; count: number }> = []
  // Pieces and the last few characters: testing the end of one growing string would flatten it each time.
  const pieces: string[] = []
  let tail = ''
  const emit = (piece: string) => {
    pieces.push(piece)
    tail = (tail + piece).slice(-3)
  }
  let last = 0
  let link: string | null = null
  let pre = false
  const text = html.replace(SKIPPED, '')
  for (const match of text.matchAll(TAG)) {
    emit(textChunk(text.slice(last, match.index), tail, pre))
    last = match.index + match[0].length
    const closing = match[1] === '/'
    const name = match[2]!.toLowerCase()
    const attributes = match[3] ?? ''
    const inline = INLINE.get(name)
    if (inline !== undefined) emit(inline)
    else if (name === 'p' || name === 'div') emit(tail.endsWith('> ') ? '' : '\n\n')
    else if (name === 'br') emit('\n')
    else if (/^h[1-6]$/.test(name)) emit(closing ? '\n\n' : `\n\n${'#'.repeat(Number(name[1]))} `)
    else if (name === 'blockquote') emit(closing ? '\n\n' : '\n\n> ')
    else if (name === 'pre') {
      pre = !closing
      emit(closing ? '\n```\n\n' : '\n\n```\n')
    } else if (name === 'ul' || name === 'ol') {
      if (closing) lists.pop()
      else lists.push({ ordered: name === 'ol', count: 0 })
      // A nested list goes on with its item.
      if (lists.length === 0 || (!closing && lists.length === 1)) emit('\n')
    } else if (name === 'li' && !closing) {
      const list = lists[lists.length - 1]
      const indent = '  '.repeat(Math.max(0, lists.length - 1))
      emit(`\n${indent}${list?.ordered ? `${++list.count}.` : '-'} `)
    } else if (name === 'a') {
      if (!closing) {
        link =
          /\bhref\s*=\s*(?:"([^"]*)"|'([^']*)')/i
            .exec(attributes)
            ?.slice(1)
            .find((v) => v !== undefined) ?? null
        emit(link === null ? '' : '[')
      } else if (link !== null) {
        emit(`](${decodeHTML(link).replace(/[()\s]/g, encodeURIComponent)})`)
        link = null
      }
    }
  }
  emit(textChunk(text.slice(last), tail, pre))
  return pieces
    .join('')
    .split('\n')
    .map((line) => line.replace(/[ \t]+$/, ''))
    .join('\n')
    .replace(/\n(?:[ \t]*\n){2,}/g, '\n\n')
    .replace(/^\n+|\n+$/g, '')
}

/** Text between tags: white space as one space (as HTML shows it), none at the start of a line; kept as is in `<pre>`. */
function textChunk(chunk: string, before: string, pre: boolean): string {
  if (pre) return decodeHTML(chunk)
  const collapsed = chunk.replace(/\s+/g, ' ')
  return decodeHTML(/(?:^|\n|> |# |- |\d\. )$/.test(before) ? collapsed.trimStart() : collapsed)
}

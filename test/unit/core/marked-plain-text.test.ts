import { describe, expect, it } from 'vitest'
import { Lexer, Marked } from 'marked'
import { MARKED_TEXT_RULE, plainText } from '../../../src/core/markdown/marked-plain-text.js'

const marked = new Marked({ gfm: true })
const faster = new Marked({ gfm: true, tokenizer: { inlineText: plainText } })

describe('plainText (marked inline text without the e-mail scan)', () => {
  it("starts from marked's own rule", () => {
    expect(Lexer.rules.inline.gfm.text.source).toBe(MARKED_TEXT_RULE)
  })

  it.each([
    'Plain prose, with punctuation; and (parentheses) — and accents: Poincaré, Erdős.',
    'Write to ada@example.org or a.b+c@sub.example.co.uk, then more words after it.',
    'An address later on: words words words words words words words words x@y.z end',
    'Almost an address: foo@ and @bar and a @ b, mailto:ada@example.org, xmpp:ada@jabber.org',
    'A scheme without an address: mailto: and xmpp: here, and (mailto:x@y)',
    'A hard break  \nafter two spaces, and one with a backslash\\\nthere.',
    'Links: www.example.com, http://example.org/a_b, https://x.y/z?q=1, ftp://f.example, HTTPS://UP.EXAMPLE',
    'snake_case_words and _emphasis_ and __strong__ and *star* and ~~struck~~ and `code` and ``co`de``',
    'References: &#35; &#x41; &#0; &#1114112; &amp; &copy and &nbsp;',
    '<b>raw</b> tags, <code>a@b &#35; c</code>, <pre>x  \ny</pre> and <kbd>k</kbd> text',
    'Escapes \\* \\_ \\` \\@ and a trailing backslash\\',
    '- a list item with x@y.z\n- and one without\n\n> a quote with www.q.example and mailto:a@b.c\n\n| a | b@c |\n|---|---|\n| 1 | 2 |',
    'Runs: a `` b ``` c ~x~ ~~~y and a lone ` and ~ at the end ~',
    'x  \ny and x \ny and end  ',
    'Words ending in h, f and w: with wheat, half, www, wwwx, (www.a.b) *www.c.d* and xwww.e.f',
    'Math placeholders \uE0000\uE001 and \uE0021\uE001 stay text.',
  ])('gives the tokens marked gives for %j', (markdown) => {
    expect(faster.lexer(markdown)).toEqual(marked.lexer(markdown))
  })
})

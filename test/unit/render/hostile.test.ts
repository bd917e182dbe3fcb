/**
 * Terminal control sequences in any field must never reach the terminal raw: not through the
 * header, the tags, the Markdown body, HTML entities marked decodes, link targets or TeX.
 */
import { describe, expect, it } from 'vitest'
import type { Paper, Summary } from '../../../src/core/model.js'
import { renderPaper } from '../../../src/render/show.js'

const RAW_CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/
const OUR_SGR = /\x1b\[[0-9;]*m/g
const OUR_OSC8 = /\x1b\]8;;[\x21-\x7e]*\x07/g

const payloads = [
  '\x1b[31mred\x1b[0m',
  '\x1b]0;pwned title\x07',
  '\x1b]8;;https://evil.example/\x07click\x1b]8;;\x07',
  '\x9b31m8-bit CSI',
  '\x9d8;;https://evil.example/\x9c',
  '\x85next line \x7f delete \x08 backspace \x07 bell \r return',
  'bidi \u202eevil\u202c and \u2066isolate\u2069',
]
const joined = payloads.join(' ')

const entityPayloads = '&#27;[31m &#x1b;]0;t&#7; &#x9b;2J &#x202e;rtl &#155;'

const body = [
  `# Heading ${joined}`,
  `A paragraph ${joined} with **bold ${payloads[0]}** and \`code ${payloads[1]}\`.`,
  `Entities decoded by marked: ${entityPayloads}`,
  `- a list item ${joined}`,
  `> a quote ${joined}`,
  `| col ${payloads[0]} |\n|---|\n| cell ${payloads[2]} |`,
  '```\n' + joined + '\n```',
  `[a link ${payloads[0]}](https://example.org/${payloads[1]}) and [entity link](https://example.org/&#27;x)`,
  `![alt ${payloads[0]} &#27;](https://example.org/fig.png) https://i.imgur.com/x${payloads[3]}.png`,
  `Math $\\text{${payloads[0]}}$ and $x_{${payloads[3]}}$ and $$${payloads[6]}$$`,
  `<div>${joined}</div>`,
].join('\n\n')

const paper: Paper = {
  key: 'evil2024paper',
  title: `Title ${joined}`,
  authors: [`Author ${payloads[0]}`, `Second ${payloads[2]}`],
  year: 2024,
  venue: `Venue ${payloads[1]}`,
  arxiv: `2401.00001${payloads[0]}`,
  doi: `10.1234/${payloads[2]}`,
  url: `https://example.org/${payloads[3]}`,
  abstract: null,
  added: '2024-01-01T00:00:00Z',
}
const summary: Summary = {
  id: `evil2024paper${payloads[0]}`,
  paper: 'evil2024paper',
  by: `Reader ${payloads[1]}`,
  body,
  tags: [`tag${payloads[0]}`, `bidi${payloads[6]}`],
  created: `2024-01-01T00:00:00Z${payloads[4]}`,
  updated: '2024-01-02T00:00:00Z',
}

describe('hostile text', () => {
  it('reaches the output with no raw control character when colour and hyperlinks are off', () => {
    const out = renderPaper(paper, [summary, summary], { width: 80, color: false, hyperlinks: false })
    expect(out).not.toMatch(RAW_CONTROL)
    expect(out).not.toContain('\x1b')
    // The payload is shown escaped, not silently dropped.
    expect(out).toContain('\\u001B[31mred')
    expect(out).toContain('\\u202Eevil')
  })

  it('carries only our own SGR and OSC 8 sequences when colour and hyperlinks are on', () => {
    const out = renderPaper(paper, [summary], { width: 80, color: true, hyperlinks: true })
    expect(out).toMatch(OUR_SGR)
    expect(out).toMatch(OUR_OSC8)
    expect(out.replace(OUR_SGR, '').replace(OUR_OSC8, '')).not.toMatch(RAW_CONTROL)
  })

  it.each([40, 80, 120])('stays clean at width %i', (width) => {
    const out = renderPaper(paper, [summary], { width, color: false, hyperlinks: false })
    expect(out).not.toMatch(RAW_CONTROL)
  })
})

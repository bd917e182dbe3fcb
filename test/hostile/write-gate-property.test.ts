/**
 * The write gate's property: random and hostile values driven through every way into a record
 * (add flags, Markdown / JSON / BibTeX / ShortScience import, the edit document, DOI and arXiv replies into `add`).
 * Whatever the command does, it never crashes; when it exits 0 the library reads and every summary
 * survives the Markdown round trip; and a refusal comes from the door that took the value in, never
 * from the store's last check (that check is a backstop: reaching it means a door let a value by).
 * Seeded: `PRECIS_SEED=<n>` repeats a failing run.
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { emptyLibrary, type Library } from '../../src/core/model.js'
import { validateLibrary } from '../../src/core/schema/schema.js'
import { readImport } from '../../src/formats/detect.js'
import { decodeInput } from '../../src/core/text/input.js'
import { summaryToMarkdown } from '../../src/formats/markdown.js'
import { main } from '../../src/main.js'
import { tempDir, testContext, type TestContextOptions } from '../support/context.js'
import { smallLibrary } from '../support/library.js'
import { pick, seeded, seedFromEnv } from '../support/random.js'
import { startServer, type TestServer } from '../unit/sources/server.js'

const SEED = seedFromEnv(1616)
const RUNS_PER_WAY = 60

/** Ordinary values: most input is, and a door that refused it would be no door. */
const ORDINARY = [
  'Graph',
  'Neural Message Passing',
  'Ann Normal',
  'García Márquez, Gabriela',
  'emoji 😀',
  'tab\there',
  'CRLF\r\nline',
  'new\nline',
]

/** Values that broke the library before, values at the limits, and ordinary ones. */
const PIECES = [
  ...ORDINARY,
  '',
  ' ',
  'x'.repeat(195),
  'y'.repeat(1001),
  'z'.repeat(20_001),
  'b\u0000c',
  'bell\u0007',
  'esc \u001b[31m red',
  'lone CR\r',
  'x\ud800',
  '\udc00y',
  'bidi \u202e evil',
  'C1 \u0085',
  'DEL \u007f',
  'javascript:alert(1)',
  'https://example.org/p',
  'file:///etc/passwd',
  '10.1234/ok',
  '10.1234/a\u0001b',
  '10.1234/../../admin?x=1',
  'not an id',
  '1704.01212v2',
  'math.AG/0501234',
  '__proto__',
  'constructor',
  'null',
  'true',
  '0012',
  '- item',
  ': colon',
  '#hash',
  '---',
  '2020-02-30T00:00:00Z',
  '2020-01-01T10:00Z',
  '2020-01-01T24:00:00Z',
  '+012020-01-01T00:00:00Z',
  '2020-01-01',
  '{braces}',
  '"quotes"',
  '\\backslash',
]

/** Timestamps real and impossible, in the forms people write them. */
const DATES = [
  '2020-01-01T10:00:00Z',
  '2020-01-01T10:00Z',
  '2020-01-01',
  '2024-05-06T07:08:09+02:00',
  '2020-02-30T00:00:00Z',
  '2020-06-31T00:00:00Z',
  '2020-01-01T24:00:00Z',
  '+012020-01-01T00:00:00Z',
]

type Random = () => number

function hostile(random: Random): string {
  if (random() < 0.5) return pick(random, ORDINARY)
  const count = 1 + Math.floor(random() * 2)
  return Array.from({ length: count }, () => pick(random, PIECES)).join(random() < 0.5 ? ' ' : '')
}

/** Identifiers that are valid, for the fields that take them: ordinary words are not. */
const VALID: Readonly<Record<string, readonly string[]>> = {
  arxiv: ['1704.01212', 'arXiv:2003.10555v2', 'math/0501234'],
  eprint: ['1704.01212'],
  doi: ['10.1234/ok', 'https://doi.org/10.5555/ABC'],
  url: ['https://example.org/p', 'http://example.org/a?b=c'],
}

/** A value for `field` (a flag's name or a record's field): mostly ordinary for it, often hostile. */
function valueFor(field: string, random: Random): string {
  const name = field.replace(/^--/, '')
  if (/^(created|updated|added)$/.test(name)) return pick(random, [...DATES, hostile(random)])
  const valid = VALID[name]
  return valid && random() < 0.5 ? pick(random, valid) : hostile(random)
}

/** Text as XML character data, every control character as a numeric reference, as a hostile server sends it. */
function xmlText(text: string): string {
  return text
    .replace(/[&<>]/g, (c) => `&#${c.charCodeAt(0)};`)
    .replace(/[\u0000-\u001f\u007f-\u009f\ud800-\udfff]/g, (c) => `&#x${c.charCodeAt(0).toString(16)};`)
}

/** A YAML scalar for `value`: a JSON string is a YAML double-quoted string, escapes included. */
const yaml = (value: string) => JSON.stringify(value)

interface Outcome {
  code: number
  stderr: string
  library: Library
}

/** Run one command in-process on `library`; returns the exit code, messages and the library after. */
async function run(args: string[], library: Library, options: TestContextOptions = {}): Promise<Outcome> {
  const ctx = testContext({ library, ...options })
  const code = await main(args, ctx)
  return { code, stderr: ctx.stderr(), library: await ctx.store.read() }
}

/** The property, checked after every command. */
function expectGateHeld(outcome: Outcome, what: string, codes: readonly number[] = [0, 2, 4]): void {
  expect(codes, `${what}\n${outcome.stderr}`).toContain(outcome.code)
  expect(outcome.stderr, what).not.toMatch(/Nothing was saved: the change would leave|Maximum call stack|\n\s+at .+:\d+:\d+/)
  if (outcome.code !== 0) return
  expect(() => validateLibrary(structuredClone(outcome.library), 'the library'), what).not.toThrow()
}

/** Every summary comes back from its Markdown export, a UTF-8 file, as it was stored. */
async function expectMarkdownRoundTrip(lib: Library, what: string): Promise<void> {
  for (const summary of lib.summaries) {
    const paper = lib.papers.find((p) => p.key === summary.paper)!
    const file = Buffer.from(summaryToMarkdown(summary, paper), 'utf8')
    const back = await readImport('md', decodeInput(file, `${summary.id}.md`), `${summary.id}.md`)
    expect(back.problems, `${what}: ${summary.id}`).toEqual([])
    expect(back.records[0]!.summaries[0]!.body, `${what}: ${summary.id}`).toBe(summary.body)
  }
}

describe(`hostile values through every way in (seed ${SEED})`, () => {
  const dir = tempDir('precis-gate-property-')
  let server: TestServer
  let reply = '{}'
  beforeAll(async () => {
    server = await startServer(() => ({ headers: { 'content-type': 'application/vnd.citationstyles.csl+json' }, body: reply }))
  })
  afterAll(async () => server.close())

  const ways: Record<string, (random: Random, i: number) => Promise<{ what: string; outcome: Outcome; codes?: number[] }>> = {
    'add flags': async (random) => {
      const args = ['add', '--title', hostile(random), '--author', hostile(random), '--body', hostile(random), '--no-input']
      for (const flag of ['--venue', '--arxiv', '--doi', '--url', '--by', '--author'])
        if (random() < 0.4) args.push(flag, valueFor(flag, random))
      if (random() < 0.3) args.push('--tag', hostile(random))
      return { what: JSON.stringify(args), outcome: await run(args, smallLibrary()) }
    },
    'Markdown import': async (random, i) => {
      const fields = [
        'title',
        'authors',
        'venue',
        'arxiv',
        'doi',
        'url',
        'abstract',
        'by',
        'key',
        'id',
        'created',
        'updated',
        'added',
        'category',
      ]
      const lines = fields.filter(() => random() < 0.3).map((field) => `${field}: ${yaml(valueFor(field, random))}`)
      const text = `---\n${lines.join('\n')}\n---\n${hostile(random)}\n`
      const file = join(dir, `note-${i}.md`)
      writeFileSync(file, text)
      return { what: JSON.stringify(text.slice(0, 400)), outcome: await run(['import', file], smallLibrary()) }
    },
    'JSON import': async (random, i) => {
      const lib = smallLibrary()
      const paper = lib.papers[0]!
      const summary = lib.summaries[0]!
      for (const field of ['title', 'venue', 'arxiv', 'doi', 'url', 'abstract'] as const)
        if (random() < 0.4) paper[field] = valueFor(field, random)
      if (random() < 0.4) paper.authors = [hostile(random)]
      if (random() < 0.3) paper.key = summary.id = summary.paper = hostile(random)
      if (random() < 0.6) summary.body = hostile(random)
      if (random() < 0.3) summary.by = hostile(random)
      const file = join(dir, `lib-${i}.json`)
      writeFileSync(file, JSON.stringify({ ...lib, papers: [paper], summaries: [summary] }))
      // Into the library it came from, taking its values over the stored ones, or into an empty one.
      const args = random() < 0.5 ? ['import', file, '--on-conflict', 'update'] : ['import', file]
      return {
        what: JSON.stringify({ paper, summary }).slice(0, 400),
        outcome: await run(args, args.length > 2 ? smallLibrary() : emptyLibrary()),
      }
    },
    'BibTeX import': async (random, i) => {
      const fields = ['title', 'author', 'journal', 'doi', 'url', 'eprint', 'note', 'abstract']
      const lines = fields.filter(() => random() < 0.4).map((field) => `  ${field} = {${valueFor(field, random)}},`)
      const text = `@article{${pick(random, ['key2020', hostile(random)])},\n${lines.join('\n')}\n  year = {2020}\n}\n`
      const file = join(dir, `refs-${i}.bib`)
      writeFileSync(file, text)
      return { what: JSON.stringify(text.slice(0, 400)), outcome: await run(['import', file], smallLibrary()) }
    },
    'edit document': async (random) => {
      const fields = ['venue', 'arxiv', 'doi', 'url', 'by']
      const document = `---\ntitle: ${yaml(hostile(random) || 'T')}\nauthors: [${yaml(hostile(random) || 'A')}]\n${fields
        .filter(() => random() < 0.5)
        .map((field) => `${field}: ${yaml(valueFor(field, random))}`)
        .join('\n')}\n---\n${hostile(random)}`
      const outcome = await run(['edit', 'gilmer2017neural-2'], smallLibrary(), { env: { EDITOR: 'true' }, editor: () => document })
      return { what: JSON.stringify(document.slice(0, 400)), outcome }
    },
    'metadata reply': async (random, i) => {
      const csl = {
        DOI: pick(random, [`10.5555/p${i}`, hostile(random)]),
        type: 'article',
        title: hostile(random),
        author: [{ given: hostile(random), family: hostile(random) }, { literal: hostile(random) }],
        'container-title': [hostile(random)],
        URL: hostile(random),
        abstract: hostile(random),
        issued: { 'date-parts': [[pick(random, [2020, 1, 99999, -5])]] },
      }
      reply = JSON.stringify(csl)
      const env = { PRECIS_DOI_URL: server.origin, PRECIS_CACHE_DIR: join(dir, `cache-${i}`) }
      const outcome = await run(['add', `10.5555/p${i}`, '--body', 'notes', '--no-input'], smallLibrary(), { env })
      // A reply precis cannot use is a network failure (exit 1), never a stored record.
      return { what: reply.slice(0, 400), outcome, codes: [0, 1] }
    },
    'arXiv reply': async (random, i) => {
      const id = `2101.${String(10000 + i)}`
      const entry =
        `<entry><id>http://arxiv.org/abs/${id}v1</id><published>2021-01-01T00:00:00Z</published><title>${xmlText(hostile(random))}</title>` +
        `<summary>${xmlText(hostile(random))}</summary><author><name>${xmlText(hostile(random))}</name></author>` +
        `<arxiv:doi xmlns:arxiv="http://arxiv.org/schemas/atom">${xmlText(valueFor('doi', random))}</arxiv:doi>` +
        `<arxiv:journal_ref xmlns:arxiv="http://arxiv.org/schemas/atom">${xmlText(hostile(random))}</arxiv:journal_ref></entry>`
      reply = `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">${entry}</feed>`
      const env = { PRECIS_ARXIV_URL: `${server.origin}/api/query`, PRECIS_CACHE_DIR: join(dir, `arxiv-cache-${i}`) }
      const outcome = await run(['add', `arXiv:${id}`, '--body', 'notes', '--no-input'], smallLibrary(), { env })
      return { what: reply.slice(0, 400), outcome, codes: [0, 1] }
    },
    'ShortScience import': async (random, i) => {
      const rows = Array.from(
        { length: 2 },
        () => `"${pick(random, ['1704.01212', hostile(random)]).replace(/"/g, '""')}","${hostile(random).replace(/"/g, '""')}"`,
      )
      const file = join(dir, `shortscience-${i}.csv`)
      writeFileSync(file, `paperid,text\n${rows.join('\n')}\n`)
      return { what: JSON.stringify(rows).slice(0, 400), outcome: await run(['import', file], smallLibrary()) }
    },
  }

  it.each(Object.keys(ways))('%s', async (way) => {
    const random = seeded(SEED + way.length)
    let succeeded = 0
    for (let i = 0; i < RUNS_PER_WAY; i++) {
      const { what, outcome, codes } = await ways[way]!(random, i)
      expectGateHeld(outcome, what, codes)
      if (outcome.code !== 0) continue
      succeeded++
      await expectMarkdownRoundTrip(outcome.library, what)
    }
    // Hostile values are refused often; ordinary ones must still get through.
    expect(succeeded).toBeGreaterThan(0)
  })
})

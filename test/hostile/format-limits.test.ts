/**
 * Input that expands or nests past what precis can read or render, through the built binary:
 * BibTeX macro bombs, a summary too big for the HTML renderer, front matter nested 10,000 deep,
 * and an imported summary that would place a tracking image in the HTML export.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse, type DefaultTreeAdapterTypes } from 'parse5'
import { describe, expect, it } from 'vitest'
import { MAX_MACRO_DEPTH } from '../../src/formats/bibtex-limits.js'
import { MAX_FRONT_MATTER_DEPTH } from '../../src/formats/frontmatter.js'
import { tempDir } from '../support/context.js'
import { libraryOf, paper, smallLibrary, summary } from '../support/library.js'
import { fingerprint, readLibraryFile, writeLibraryFile } from './support/files.js'
import { precisOn, type RunResult } from './support/precis.js'

type Element = DefaultTreeAdapterTypes.Element

/** A folder with a library of two papers, for input files beside it. */
function setting() {
  const dir = tempDir('precis-limits-')
  const library = join(dir, 'library.json')
  writeLibraryFile(library, smallLibrary())
  return { dir, library, before: fingerprint(library), env: { HOME: dir } }
}

/** Refused with exit 4 and `message` on stderr, without a crash; the library untouched. */
function expectRefused(result: RunResult, message: string, library: string, before: string): void {
  expect(result.signal).toBeNull()
  expect(result.code, result.stderr).toBe(4)
  expect(result.stderr).toContain(message)
  expect(result.stderr).not.toMatch(/Maximum call stack|Invalid array length|heap out of memory|\n\s+at .+:\d+:\d+/)
  expect(fingerprint(library)).toBe(before)
}

/** The reproducer: `@string{a0 = "xx"}`, then each macro the one before twice, `depth` levels; a title using the last. */
function macroBomb(depth: number): string {
  const strings = Array.from({ length: depth }, (_, i) => `@string{a${i + 1} = a${i} # a${i}}`)
  return `@string{a0 = "xx"}\n${strings.join('\n')}\n@article{bomb, title = a${depth}, author = {Bob Bomb}, year = 2020}\n`
}

describe('BibTeX macros that expand past the limits', () => {
  it.each([19, 30])('the %i-level doubling macro bomb: exit 4 naming the macro and the limit, nothing stored', async (depth) => {
    const { dir, library, before, env } = setting()
    const file = join(dir, 'bomb.bib')
    writeFileSync(file, macroBomb(depth))
    expect(readFileSync(file).length).toBeLessThan(1000)
    const result = await precisOn(library, ['import', file], { env })
    expectRefused(
      result,
      `bomb.bib, @string a${MAX_MACRO_DEPTH}: @string macros are nested ${MAX_MACRO_DEPTH + 1} deep (the limit is ${MAX_MACRO_DEPTH})`,
      library,
      before,
    )
  })

  it('a field that uses a macro a thousand times: exit 4 naming the entry, the field and the limit', async () => {
    const { dir, library, before, env } = setting()
    const file = join(dir, 'wide.bib')
    writeFileSync(file, `@string{a = "${'x'.repeat(200)}"}\n@misc{wide, title = ${Array(1000).fill('a').join(' # ')}, year = 2020}\n`)
    const result = await precisOn(library, ['import', file], { env })
    expectRefused(
      result,
      'wide.bib, entry wide, field title: the value is 100,200 characters long with @string macros expanded (the limit is 100,000)',
      library,
      before,
    )
  })

  it.each([
    [
      '\\emph nested 1,000 deep (a stack overflow in the parser)',
      `@misc{deep, title = {${'\\emph{'.repeat(1000)}x${'}'.repeat(1000)}}}\n`,
      'deep.bib, entry deep, field title: the value nests braces 1,000 deep (the limit is 32)',
    ],
    [
      '16,000 repeats of a field (64 s in the parser)',
      `@misc{dup, ${'note = {a}, '.repeat(16_000)}title = {t}}\n`,
      'deep.bib, entry dup: the entry has more than 100 fields (the limit is 100)',
    ],
    [
      '32,000 unreadable entries (31 s in the parser)',
      '@a{\n'.repeat(32_000),
      'deep.bib has more than 100 entries that cannot be read as BibTeX',
    ],
  ])('%s: exit 4 with the reason in words', async (_, bib, message) => {
    const { dir, library, before, env } = setting()
    const file = join(dir, 'deep.bib')
    writeFileSync(file, bib)
    expectRefused(await precisOn(library, ['import', file], { env }), message, library, before)
  })

  it('macros within the limits still import', async () => {
    const { dir, library, env } = setting()
    const file = join(dir, 'fine.bib')
    writeFileSync(
      file,
      '@string{ieee = "IEEE"}\n@string{tpami = ieee # " Transactions on Pattern Analysis"}\n@article{ok2020, title = {Fine}, author = {Ann Fine}, journal = tpami, year = 2020}\n',
    )
    const result = await precisOn(library, ['import', file], { env })
    expect(result.code, result.stderr).toBe(0)
    expect(readLibraryFile(library).papers.find((p) => p.key === 'ok2020')?.venue).toBe('IEEE Transactions on Pattern Analysis')
  })
})

/** Every element of a page as a browser's parser builds it. */
function elements(html: string): Element[] {
  const found: Element[] = []
  const walk = (node: DefaultTreeAdapterTypes.Node) => {
    if ('tagName' in node) found.push(node)
    if ('childNodes' in node) node.childNodes.forEach(walk)
  }
  walk(parse(html))
  return found
}
const attr = (element: Element, name: string) => element.attrs.find((a) => a.name === name)?.value

describe('export --format html with a summary past the renderer limits', () => {
  it('the 4 MB "$x$ " summary comes out as preformatted text with a note; the other summary is rendered', async () => {
    const dir = tempDir('precis-limits-')
    const library = join(dir, 'library.json')
    const huge = '$x$ '.repeat(1_000_000)
    writeLibraryFile(
      library,
      libraryOf(
        [paper({ key: 'huge2020', title: 'Huge' }), paper({ key: 'normal2020', title: 'Normal' })],
        [
          summary({ id: 'huge2020', paper: 'huge2020', body: huge }),
          summary({ id: 'normal2020', paper: 'normal2020', body: 'Rendered: $y^2$ and **bold**.\n' }),
        ],
      ),
    )
    const out = join(dir, 'page.html')
    const result = await precisOn(library, ['export', '--format', 'html', '--out', out], { env: { HOME: dir } })
    expect(result.code, result.stderr).toBe(0)
    const page = readFileSync(out, 'utf8')
    expect(page).toContain(
      '<p class="notice">[precis: this summary is too large to format (4,000,000 characters, limit 1,000,000); showing it as plain text]</p>',
    )
    // The summary's text whole in the one pre; the page parsed without it (4 MB of text, most of a parse's second).
    const [before, text, after, ...more] = page.split(/(?<=<pre class="plain">)([^<]*)(?=<\/pre>)/)
    expect([text, more]).toEqual([`\n${huge.trimEnd()}`, []])
    const all = elements(`${before}${after}`)
    expect(all.filter((e) => e.tagName === 'pre')).toHaveLength(1)
    expect(all.filter((e) => e.tagName === 'strong')).toHaveLength(1)
    expect(all.filter((e) => e.tagName === 'math').length).toBeGreaterThan(0)
  })
})

describe('a ShortScience page with a long run of spaces', () => {
  it('imports (its end was trimmed by a pattern that backtracked over the spaces: 43 s for 80,000)', async () => {
    const { dir, library, env } = setting()
    const file = join(dir, 'page.txt')
    writeFileSync(file, `Header\n[link]\nSummary${' '.repeat(1_000_000)}end ![]() |\n`)
    const result = await precisOn(library, ['import', file, '--format', 'shortscience'], { env })
    expect(result.code, result.stderr).toBe(0)
    expect(readLibraryFile(library).summaries.some((s) => s.body.endsWith(' end'))).toBe(true)
  })
})

describe('front matter nested 10,000 deep', () => {
  const deep = [
    ['flow lists', `---\ntitle: Deep\na: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n---\nbody\n`],
    ['flow mappings', `---\ntitle: Deep\na: ${'{a: '.repeat(10_000)}1${'}'.repeat(10_000)}\n---\nbody\n`],
  ] as const
  const message = (file: string) => `${file}: the front matter nests 10,001 levels deep (the limit is ${MAX_FRONT_MATTER_DEPTH})`

  it.each(deep)('%s given to import: exit 4 naming the file, the depth and the limit', async (_, text) => {
    const { dir, library, before, env } = setting()
    const file = join(dir, 'deep.md')
    writeFileSync(file, text)
    // Run from the file's folder: an import names its sources relative to where precis runs.
    expectRefused(await precisOn(library, ['import', file], { env, cwd: dir }), message('deep.md'), library, before)
  })

  it.each(deep)('%s saved by $EDITOR (edit): exit 4 with the reason, the text kept', async (_, text) => {
    const { dir, library, before, env } = setting()
    const payload = join(dir, 'editor-output')
    writeFileSync(payload, text)
    const editor = join(dir, 'editor.sh')
    writeFileSync(editor, `#!/bin/sh\ncat '${payload}' > "$1"\n`, { mode: 0o755 })
    const result = await precisOn(library, ['edit', 'gilmer2017neural-2'], { env: { ...env, EDITOR: editor } })
    expectRefused(result, `the front matter nests 10,001 levels deep (the limit is ${MAX_FRONT_MATTER_DEPTH})`, library, before)
    const kept = /Your text is kept at (\S+)/.exec(result.stderr)?.[1]
    expect(kept && readFileSync(kept, 'utf8')).toBe(text)
  })
})

describe('export --format html and remote images', () => {
  const body = 'A tracker ![pixel](https://tracker.example/p.gif?who=me) and a figure https://i.imgur.com/Mmp8KO6.png\n'

  async function exported(extra: string[]) {
    const dir = tempDir('precis-limits-')
    const library = join(dir, 'library.json')
    writeLibraryFile(library, libraryOf([paper({ key: 'pix2020' })], [summary({ id: 'pix2020', paper: 'pix2020', body })]))
    const out = join(dir, 'page.html')
    const result = await precisOn(library, ['export', '--format', 'html', '--out', out, ...extra], { env: { HOME: dir } })
    expect(result.code, result.stderr).toBe(0)
    const all = elements(readFileSync(out, 'utf8'))
    const policy = attr(
      all.find((e) => attr(e, 'http-equiv') === 'Content-Security-Policy')!,
      'content',
    )!
    return { all, policy }
  }

  it('without --remote-images: no img and no img-src; each image is a link to its address', async () => {
    const { all, policy } = await exported([])
    expect(all.filter((e) => e.tagName === 'img')).toEqual([])
    expect(policy).toContain("default-src 'none'")
    expect(policy).not.toContain('img-src')
    const links = all.filter((e) => attr(e, 'class') === 'image-link').map((e) => attr(e, 'href'))
    expect(links).toEqual(['https://tracker.example/p.gif?who=me', 'https://i.imgur.com/Mmp8KO6.png'])
  })

  it('with --remote-images: the images, and a policy that lets only images load', async () => {
    const { all, policy } = await exported(['--remote-images'])
    expect(all.filter((e) => e.tagName === 'img').map((e) => attr(e, 'src'))).toEqual([
      'https://tracker.example/p.gif?who=me',
      'https://i.imgur.com/Mmp8KO6.png',
    ])
    expect(policy).toBe("default-src 'none'; img-src https: http:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'")
  })

  it('--remote-images with another format is a usage error', async () => {
    const { library, env } = setting()
    const result = await precisOn(library, ['export', '--format', 'md', '--remote-images'], { env })
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('--remote-images goes with --format html')
  })
})

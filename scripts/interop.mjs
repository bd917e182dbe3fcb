#!/usr/bin/env node
/**
 * Interoperability checks of the exports against the real tools (`npm run interop`, after a build):
 * Pandoc reads each summary file's front matter as metadata, renders the reading list with citeproc
 * resolving every citation, and converts the BibTeX to CSL JSON with the same keys and titles;
 * `bibtex` itself reads the .bib without errors; and the constructs of real bibliographies
 * (test/fixtures/formats/real-constructs.bib) survive import → export --with-summaries: bibtex
 * warns of nothing, Pandoc reads braced names whole, precis reads its export back. A check whose tool is not installed is skipped
 * (reported as such). Ends with "N passed, N failed"; exit 1 when a check failed.
 *
 * Install the tools on Debian/Ubuntu with: apt-get install pandoc texlive-binaries texlive-base
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const bin = join(root, 'bin', 'precis.js')
if (!existsSync(join(root, 'dist', 'cli.js'))) {
  console.error('dist/ is missing: run "npm run build" first')
  process.exit(1)
}

const work = mkdtempSync(join(tmpdir(), 'precis-interop-'))
const library = join(work, 'library.json')
copyFileSync(join(root, 'data', 'demo-library.json'), library)
const lib = JSON.parse(readFileSync(library, 'utf8'))
// One awkward paper beside the demo's: characters BibTeX and Markdown treat specially, particles.
lib.papers.push({
  key: 'vandenberg2021braces',
  title: 'Braces } and {{ \\input{/etc/passwd} at 50% & C# ~x^ _y_ <b>',
  authors: ['Jan van den Berg', 'de la Vallée Poussin, Charles'],
  year: 2021,
  venue: 'Journal of Awkward Characters',
  arxiv: null,
  doi: '10.5555/Awk_WARD',
  url: null,
  abstract: null,
  added: '2024-01-01T00:00:00.000Z',
})
lib.summaries.push({
  id: 'vandenberg2021braces',
  paper: 'vandenberg2021braces',
  by: 'Interop',
  body: 'A body with $x_i^2$ and a } brace.\n',
  tags: ['interop'],
  created: '2024-01-01T00:00:00.000Z',
  updated: '2024-01-01T00:00:00.000Z',
})
writeFileSync(library, JSON.stringify(lib, null, 2) + '\n')

const precis = (...args) => execFileSync(process.execPath, [bin, '--library', library, '--quiet', ...args], { cwd: work, encoding: 'utf8' })
precis('export', '--out', 'notes/')
precis('export', '--out', 'list.md', '--bib', 'refs.bib', '--title', 'Interop reading list')
precis('export', '--format', 'html', '--out', 'list.html')

const results = { passed: 0, failed: 0, skipped: 0 }
function check(name, tool, body) {
  if (!hasTool(tool)) {
    results.skipped++
    console.log(`skip  ${name} (${tool} is not installed)`)
    return
  }
  try {
    body()
    results.passed++
    console.log(`ok    ${name}`)
  } catch (error) {
    results.failed++
    console.log(
      `FAIL  ${name}\n      ${String(error.message ?? error)
        .split('\n')
        .join('\n      ')}`,
    )
  }
}

function hasTool(tool) {
  return spawnSync(tool, ['--version'], { encoding: 'utf8' }).status === 0
}

function run(tool, args) {
  const result = spawnSync(tool, args, { cwd: work, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
  if (result.status !== 0) throw new Error(`${tool} ${args.join(' ')} exited ${result.status}: ${result.stderr}`)
  return result
}

function assert(condition, message) {
  if (!condition) throw new Error(message)
}

/** Pandoc's metadata values are inline lists; their text is enough to compare. */
function metaText(value) {
  if (value === undefined) return undefined
  if (value.t === 'MetaInlines') return value.c.map((i) => (i.t === 'Str' ? i.c : i.t === 'Space' ? ' ' : '')).join('')
  if (value.t === 'MetaList') return value.c.map(metaText)
  if (value.t === 'MetaString') return value.c
  return JSON.stringify(value)
}

check("pandoc reads every summary file's front matter as metadata", 'pandoc', () => {
  const files = readdirSync(join(work, 'notes'))
  assert(files.length === lib.summaries.length, `${files.length} files for ${lib.summaries.length} summaries`)
  for (const summary of lib.summaries) {
    const paper = lib.papers.find((p) => p.key === summary.paper)
    const meta = JSON.parse(run('pandoc', [join('notes', `${summary.id}.md`), '-t', 'json']).stdout).meta
    assert(metaText(meta.id) === summary.id, `${summary.id}: id is ${metaText(meta.id)}`)
    // Pandoc reads metadata values as Markdown, so only a title without Markdown syntax reads back as is.
    if (!/[\\*_<>`[\]]/.test(paper.title)) assert(metaText(meta.title) === paper.title, `${summary.id}: title is ${metaText(meta.title)}`)
    else assert(meta.title !== undefined, `${summary.id}: no title`)
    assert(JSON.stringify(metaText(meta.authors)) === JSON.stringify(paper.authors), `${summary.id}: authors are ${metaText(meta.authors)}`)
    assert(JSON.stringify(metaText(meta.tags) ?? []) === JSON.stringify(summary.tags), `${summary.id}: tags are ${metaText(meta.tags)}`)
  }
})

check('pandoc --citeproc resolves every citation of the reading list', 'pandoc', () => {
  const result = run('pandoc', ['list.md', '--citeproc', '--bibliography', 'refs.bib', '-s', '-t', 'html'])
  assert(!/citation .* not found/i.test(result.stderr), result.stderr)
  for (const paper of lib.papers) assert(result.stdout.includes(`id="ref-${paper.key}"`), `no reference entry for ${paper.key}`)
  assert(!result.stdout.includes('[@'), 'an unresolved [@key] is left in the output')
  assert(result.stdout.includes('Interop reading list'), 'the title from the front matter is missing')
})

check('pandoc converts the BibTeX to CSL JSON with the same keys and titles', 'pandoc', () => {
  const entries = JSON.parse(run('pandoc', ['refs.bib', '-f', 'bibtex', '-t', 'csljson']).stdout)
  assert(entries.length === lib.papers.length, `${entries.length} entries for ${lib.papers.length} papers`)
  for (const paper of lib.papers) {
    const entry = entries.find((e) => e.id === paper.key)
    assert(entry, `no entry ${paper.key}`)
    // Pandoc's BibTeX reader does not know \textbraceleft/\textbraceright (which keep BibTeX's braces
    // balanced), so literal braces are the one thing it drops; it sets unprotected words in sentence
    // case, while acronyms and words with inner capitals keep theirs.
    const title = paper.title.replace(/[{}]/g, '')
    assert(entry.title.toLowerCase() === title.toLowerCase(), `${paper.key}: title "${entry.title}"`)
    for (const word of title.split(/\s+/).filter((w) => /^.[^]*\p{Lu}/u.test(w.replace(/[^\p{L}\p{N}]/gu, '')))) {
      assert(entry.title.includes(word), `${paper.key}: "${word}" lost its capitals in "${entry.title}"`)
    }
    assert(entry.author?.length === paper.authors.length, `${paper.key}: ${entry.author?.length} authors`)
    if (paper.year !== null) assert(entry.issued?.['date-parts']?.[0]?.[0] === paper.year, `${paper.key}: year`)
  }
})

check('bibtex reads the .bib without errors', 'bibtex', () => {
  writeFileSync(join(work, 'cite.aux'), '\\relax\n\\citation{*}\n\\bibstyle{plain}\n\\bibdata{refs}\n')
  const result = spawnSync('bibtex', ['cite'], { cwd: work, encoding: 'utf8' })
  const log = readFileSync(join(work, 'cite.blg'), 'utf8')
  assert(result.status === 0 && !/error message/.test(log), `bibtex exited ${result.status}:\n${log}`)
  const bbl = readFileSync(join(work, 'cite.bbl'), 'utf8')
  for (const paper of lib.papers) assert(bbl.includes(`\\bibitem{${paper.key}}`), `no \\bibitem for ${paper.key}`)
  assert(!bbl.includes('\\input{'), "a title's \\input reached the .bbl as a command")
})

// Constructs from real bibliographies: braced names with commas, organisations, accents on \i,
// stray dollars, invalid keywords, HTML in titles, several summaries in one annote.
const real = join(work, 'real.json')
const realPrecis = (file, ...args) =>
  execFileSync(process.execPath, [bin, '--library', file, '--quiet', ...args], { cwd: work, encoding: 'utf8' })
realPrecis(real, 'import', join(root, 'test', 'fixtures', 'formats', 'real-constructs.bib'))
realPrecis(real, 'export', '--format', 'bibtex', '--with-summaries', '--out', 'real.bib')

check('bibtex reads real constructs without a warning (no "Too many commas in name")', 'bibtex', () => {
  writeFileSync(join(work, 'real.aux'), '\\relax\n\\citation{*}\n\\bibstyle{plain}\n\\bibdata{real}\n')
  const result = spawnSync('bibtex', ['real'], { cwd: work, encoding: 'utf8' })
  const log = readFileSync(join(work, 'real.blg'), 'utf8')
  assert(result.status === 0 && !/^Warning--|error message/m.test(log), `bibtex exited ${result.status}:\n${log}`)
})

check('pandoc reads braced names as one name and every annote', 'pandoc', () => {
  const entries = JSON.parse(run('pandoc', ['real.bib', '-f', 'bibtex', '-t', 'csljson']).stdout)
  const atlas = entries.find((e) => e.id === 'atlas2012observation')
  assert(JSON.stringify(atlas?.author) === JSON.stringify([{ literal: 'ATLAS Collaboration' }]), `authors ${JSON.stringify(atlas?.author)}`)
  const dotan = entries.find((e) => e.id === 'dotan2019perovskite')
  assert(
    dotan?.author?.[0]?.literal === 'Hen Dotan, Nripan Mathews, Takashi Hisatomi, Kevin Sivula',
    `first author ${JSON.stringify(dotan?.author?.[0])}`,
  )
  assert(dotan?.annote?.includes('Second summary'), `annote ${JSON.stringify(dotan?.annote)}`)
})

check('precis reads its own --with-summaries export back to the same library', 'node', () => {
  const again = join(work, 'again.json')
  realPrecis(again, 'import', 'real.bib')
  const strip = (file) => {
    const lib = JSON.parse(readFileSync(file, 'utf8'))
    return JSON.stringify({
      papers: lib.papers.map((p) => ({ ...p, added: '' })),
      summaries: lib.summaries.map((s) => ({ ...s, created: '', updated: '' })),
    })
  }
  assert(strip(again) === strip(real), 'the libraries differ')
})

rmSync(work, { recursive: true, force: true })
console.log(`${results.passed} passed, ${results.failed} failed, ${results.skipped} skipped`)
process.exitCode = results.failed > 0 ? 1 : 0

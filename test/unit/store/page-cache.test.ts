// The page cache (store/page-cache.ts) keeps what show rendered; nothing it reads is trusted: a
// file damaged, forged, of another build or input, or holding an escape our renderer never writes
// is a miss, so the page is rendered afresh.
import { lutimesSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { checksum } from '../../../src/store/index/checksum.js'
import { onlyOurEscapes, PageCache, pageInput } from '../../../src/store/page-cache.js'
import { tempDir } from '../../support/context.js'

const INPUT = JSON.stringify([{ key: 'a2020b', title: 'A' }, [{ id: 'a2020b', body: 'Text with $\\alpha$.' }], 80, true, false])
const PAGE = '\x1b[1mA\x1b[22m\n\nText with α, a \x1b]8;;https://example.org/\x07link\x1b]8;;\x07.\n'

const cacheIn = (dir = tempDir()) => new PageCache(join(dir, 'pages'), 'build-1')
/** The one page file of `cache`. */
const onlyFile = (cache: PageCache) => {
  const names = readdirSync(cache.dir)
  expect(names).toHaveLength(1)
  return join(cache.dir, names[0]!)
}
/** A file as precis writes it, for any page: what a forger with the format in hand can make. */
const forged = (build: string, input: string, page: string) => {
  const sum = checksum(Buffer.concat([Buffer.from(`${build}\n`), Buffer.from(input), Buffer.from('\n'), Buffer.from(page)]))
  return `precis page cache 1 ${build} ${Buffer.byteLength(input)} ${Buffer.byteLength(page)} ${sum}\n${input}${page}`
}

describe('PageCache', () => {
  it('gives back a page kept for exactly its input, of its build', () => {
    const cache = cacheIn()
    expect(cache.get(INPUT)).toBeUndefined()
    cache.put(INPUT, PAGE)
    expect(cache.get(INPUT)).toBe(PAGE)
    expect(new PageCache(cache.dir, 'build-1').get(INPUT)).toBe(PAGE)
    expect(new PageCache(cache.dir, 'build-2').get(INPUT)).toBeUndefined()
    for (const other of [INPUT.replace('80', '81'), INPUT.replace('true', 'false'), INPUT.replace('alpha', 'beta'), INPUT + ' '])
      expect(cache.get(other)).toBeUndefined()
  })

  const damages: [string, (path: string) => void][] = [
    ['cut short', (path) => truncateSync(path, readFileSync(path).length - 3)],
    ['grown', (path) => writeFileSync(path, readFileSync(path, 'utf8') + 'x')],
    ['with a byte of the page changed', (path) => writeFileSync(path, readFileSync(path, 'utf8').replace('α', 'β'))],
    ['with a byte of the input changed', (path) => writeFileSync(path, readFileSync(path, 'utf8').replace('alpha', 'alphA'))],
    ['emptied', (path) => writeFileSync(path, '')],
    ['garbage', (path) => writeFileSync(path, '\x1b[2J'.repeat(1000))],
    ['of another build', (path) => writeFileSync(path, forged('build-0', INPUT, PAGE))],
    ['holding another input', (path) => writeFileSync(path, forged('build-1', INPUT.replace('80', '81'), PAGE))],
  ]
  it.each(damages)('reads a file %s as a miss, and a save replaces it', (_, damage) => {
    const cache = cacheIn()
    cache.put(INPUT, PAGE)
    damage(onlyFile(cache))
    expect(cache.get(INPUT)).toBeUndefined()
    cache.put(INPUT, PAGE)
    expect(cache.get(INPUT)).toBe(PAGE)
  })

  it('reads a forged file with a valid checksum only when its page holds nothing but our escapes', () => {
    const cache = cacheIn()
    cache.put(INPUT, PAGE)
    const path = onlyFile(cache)
    writeFileSync(path, forged('build-1', INPUT, 'Forged, but harmless.\n'))
    expect(cache.get(INPUT)).toBe('Forged, but harmless.\n') // the checksum finds damage, not forgery
    for (const hostile of [
      '\x1b[2J',
      '\x1b]0;title\x07',
      '\x1b]8;;http://x/\x1b\\link',
      '\x1bP+q\x1b\\',
      '\r',
      '\x9b31m',
      '\u202e',
      '\x1b[1',
      'a\x07b',
    ]) {
      writeFileSync(path, forged('build-1', INPUT, `page ${hostile} page\n`))
      expect(cache.get(INPUT), JSON.stringify(hostile)).toBeUndefined()
    }
    // Nor is such a page ever kept.
    cache.put(INPUT, 'x\x1b[2Jy')
    expect(cache.get(INPUT)).toBeUndefined()
  })

  it('accepts the escapes the renderer writes and nothing else', () => {
    expect(onlyOurEscapes(PAGE)).toBe(true)
    expect(onlyOurEscapes('tab\tand newline\n')).toBe(true)
    expect(onlyOurEscapes('\x1b]8;;https://a/ b\x07x\x1b]8;;\x07')).toBe(false)
    expect(onlyOurEscapes('\x1b[?25l')).toBe(false)
  })

  it('follows no link and reads no folder where a page would be, and replaces the link (never its target) when saving', () => {
    const cache = cacheIn()
    cache.put(INPUT, PAGE)
    const path = onlyFile(cache)
    const target = join(tempDir(), 'elsewhere')
    writeFileSync(target, forged('build-1', INPUT, 'From elsewhere.\n'))
    rmSync(path)
    symlinkSync(target, path)
    expect(cache.get(INPUT)).toBeUndefined()
    cache.put(INPUT, PAGE)
    expect(cache.get(INPUT)).toBe(PAGE)
    expect(readFileSync(target, 'utf8')).toBe(forged('build-1', INPUT, 'From elsewhere.\n'))
    rmSync(path)
    mkdirSync(path)
    expect(cache.get(INPUT)).toBeUndefined()
  })

  it('keeps no page whose file would be over a megabyte (a summary of tens of megabytes renders afresh)', () => {
    const cache = cacheIn()
    const half = 'x'.repeat(1 << 19)
    const tooLong = 'x'.repeat(1 << 20)
    cache.put(INPUT, PAGE + half)
    expect(cache.get(INPUT)).toBe(PAGE + half)
    cache.put(INPUT, PAGE + tooLong)
    expect(cache.get(INPUT)).toBe(PAGE + half) // the smaller page stays: the bigger one was not kept
    const longInput = INPUT.replace('Text', tooLong)
    cache.put(longInput, PAGE)
    expect(cache.get(longInput)).toBeUndefined()
    expect(readdirSync(cache.dir)).toHaveLength(1)
  })

  it('never fails when it cannot keep a page: a file stands where its folder would be', () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'pages'), '')
    const cache = cacheIn(dir)
    cache.put(INPUT, PAGE)
    expect(cache.get(INPUT)).toBeUndefined()
  })

  it('keeps the most recently shown pages within its bounds, and removes stale temp files', () => {
    const cache = new PageCache(join(tempDir(), 'pages'), 'build-1', { pages: 3, bytes: 1 << 20 })
    const inputs = ['a', 'b', 'c', 'd'].map((x) => INPUT.replace('A', x))
    const at = (path: string, seconds: number) => lutimesSync(path, seconds, seconds)
    inputs.slice(0, 3).forEach((input, i) => {
      cache.put(input, PAGE)
      for (const name of readdirSync(cache.dir))
        if (readFileSync(join(cache.dir, name), 'utf8').includes(input)) at(join(cache.dir, name), 1000 + i)
    })
    writeFileSync(join(cache.dir, '.page.tmp-1-stale'), 'left by a killed run')
    at(join(cache.dir, '.page.tmp-1-stale'), 1000)
    expect(cache.get(inputs[0]!)).toBe(PAGE) // shown again: now the most recent
    cache.put(inputs[3]!, PAGE)
    expect(inputs.map((input) => cache.get(input) !== undefined)).toEqual([true, false, true, true])
    expect(readdirSync(cache.dir)).toHaveLength(3) // the temp file gone too
    const small = new PageCache(join(tempDir(), 'pages'), 'build-1', { pages: 100, bytes: 700 })
    for (const input of inputs) small.put(input, PAGE)
    expect(readdirSync(small.dir).length).toBeLessThan(4)
    expect(small.get(inputs[3]!)).toBe(PAGE)
  })
})

describe('pageInput', () => {
  const paper = { key: 'a2020b', title: 'A' }
  const rendering = { width: 80, color: true, hyperlinks: false }
  const withBodies = (...bodies: string[]) => bodies.map((body, i) => ({ id: `a2020b-${i}`, body }))

  it('is everything that decides the page but the build, as JSON', () => {
    const summaries = [{ id: 'a2020b', body: 'Text with $\\alpha$.' }]
    expect(pageInput(paper, summaries, rendering)).toBe(INPUT)
  })

  it('is not made for bodies over a megabyte of characters together, in one summary or several: no file could hold it', () => {
    const half = 'x'.repeat(1 << 19)
    const whole = 'x'.repeat(1 << 20)
    expect(pageInput(paper, withBodies(whole + 'x'), rendering)).toBeNull()
    expect(pageInput(paper, withBodies(half, half + 'x'), rendering)).toBeNull()
    expect(pageInput(paper, withBodies(half, half), rendering)).toBe(JSON.stringify([paper, withBodies(half, half), 80, true, false]))
    const cache = cacheIn()
    expect(cache.get(pageInput(paper, withBodies(whole), rendering)!)).toBeUndefined() // made at the bound, refused by the whole input's size
  })
})

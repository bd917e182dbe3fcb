import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { cacheText, MAX_CACHE_BYTES, MAX_CACHE_ENTRIES, MathCache, mathCachePath, type Conversion } from '../../../src/store/math-cache.js'
import { checksum } from '../../../src/store/index/checksum.js'
import { tempDir } from '../../support/context.js'

const BUILD = 'build-a'
const cachePath = () => mathCachePath(tempDir('precis-math-cache-'))
const conversion = (tex: string, text: string | null, display = false): Conversion => ({ tex, display, text })

/** A line as precis writes it, for `json` (checksummed for `build`). */
const line = (json: string, build = BUILD) => `${json}\t${checksum(Buffer.from(`${build}\n${json}`))}\n`
/** A file of these lines (each with the key whose bucket it goes in) laid out as precis lays them out. */
const file = (lines: [key: string, line: string][], build = BUILD) => cacheText(build, lines)
/** The file precis writes for `a` shown as α, after its first save. */
const alphaFile = () => file([['Ia', line('["Ia","α",0]')]])

/** What a fresh reader of `path` finds for each formula. */
const lookups = (path: string, formulas: [string, boolean][], build = BUILD) => {
  const cache = new MathCache(path, build)
  return formulas.map(([tex, display]) => cache.get(tex, display))
}

describe('the math cache file', () => {
  it('gives back what a save kept, display and inline apart, and nothing for what it never held', () => {
    const path = cachePath()
    new MathCache(path, BUILD).save([conversion('\\alpha', 'α'), conversion('\\alpha', 'α (display)', true), conversion('\\bad{', null)])
    expect(
      lookups(path, [
        ['\\alpha', false],
        ['\\alpha', true],
        ['\\bad{', false],
        ['\\beta', false],
        ['\\bad{', true],
      ]),
    ).toEqual(['α', 'α (display)', null, undefined, undefined])
    expect(dirname(path)).toMatch(/math$/)
    expect(lstatSync(path).mode & 0o777).toBe(0o600)
  })

  it('keeps what other runs saved since, and writes nothing when it holds everything already', () => {
    const path = cachePath()
    new MathCache(path, BUILD).save([conversion('a', 'a')])
    const reader = new MathCache(path, BUILD)
    expect(reader.get('a', false)).toBe('a') // read before the other run's save
    new MathCache(path, BUILD).save([conversion('b', 'b')])
    reader.save([conversion('c', 'c')])
    expect(
      lookups(path, [
        ['a', false],
        ['b', false],
        ['c', false],
      ]),
    ).toEqual(['a', 'b', 'c'])
    const before = readFileSync(path, 'utf8')
    new MathCache(path, BUILD).save([conversion('c', 'c'), conversion('a', 'a')])
    expect(readFileSync(path, 'utf8')).toBe(before) // nothing new: not even reordered
  })

  it('keeps the most recent formulas within its bounds of entries and bytes', () => {
    const path = cachePath()
    const many = Array.from({ length: MAX_CACHE_ENTRIES + 10 }, (_, i) => conversion(`x_{${i}}`, `x${i}`))
    new MathCache(path, BUILD).save(many)
    expect(
      lookups(path, [
        ['x_{9}', false],
        ['x_{10}', false],
        [`x_{${MAX_CACHE_ENTRIES + 9}}`, false],
      ]),
    ).toEqual([undefined, 'x10', `x${MAX_CACHE_ENTRIES + 9}`])
    // Used again by a later run that converted something new: among the most recent, kept.
    new MathCache(path, BUILD).save([conversion('x_{10}', 'x10'), conversion('new', 'new')])
    expect(
      lookups(path, [
        ['x_{10}', false],
        ['x_{11}', false],
        ['new', false],
      ]),
    ).toEqual(['x10', undefined, 'new'])

    const big = Array.from({ length: 400 }, (_, i) => conversion(`${'y'.repeat(3000)}${i}`, 'z'.repeat(3000)))
    new MathCache(path, BUILD).save(big)
    expect(readFileSync(path).length).toBeLessThanOrEqual(MAX_CACHE_BYTES)
    expect(
      lookups(path, [
        [`${'y'.repeat(3000)}399`, false],
        [`${'y'.repeat(3000)}0`, false],
      ]),
    ).toEqual(['z'.repeat(3000), undefined])
  })

  it('never keeps what could reach a terminal as an escape, nor TeX longer than texToUnicode converts', () => {
    const path = cachePath()
    const unsafe = ['\u001b[31m', 'a\u0007', 'b\u009b', 'c\u202e', 'd\r', '']
    new MathCache(path, BUILD).save([
      ...unsafe.map((text, i) => conversion(`u${i}`, text)),
      conversion('x'.repeat(4001), null),
      conversion('ok', 'a\nb'),
    ])
    expect(lookups(path, [...unsafe.map((_, i): [string, boolean] => [`u${i}`, false]), ['x'.repeat(4001), false], ['ok', false]])).toEqual(
      [...unsafe.map(() => undefined), undefined, 'a\nb'],
    )
  })

  const damaged: [string, () => string][] = [
    ['a line whose checksum fails', () => file([['Ia', line('["Ia","b",0]').replace('"b"', '"c"')]])],
    ['a line checksummed for another build', () => file([['Ia', line('["Ia","α",0]', 'build-b')]])],
    ['a line without its checksum', () => file([['Ia', '["Ia","α",0]\n']])],
    ['a line with a control character', () => file([['Ia', line('["Ia","\\u001b[2J",0]')]])],
    ['a line with a bidi override', () => file([['Ia', line('["Ia","\\u202eα",0]')]])],
    ['a line of another shape', () => file([['Ia', line('["Ia","α"]')]])],
    ['a line whose use is not a count', () => file([['Ia', line('["Ia","α",-1]')]])],
    ['a line whose text is not text', () => file([['Ia', line('["Ia",{"text":"α"},0]')]])],
    ['a line that is not JSON', () => file([['Ia', line('["Ia","α",0')]])],
    ['a line in another bucket', () => file([['Ib', line('["Ia","α",0]')]])],
    [
      'a line not as precis writes it',
      () =>
        file([
          ['Ia', line('[ "Ia","α",0]')],
          ['Ia', line('["\\u0049a","α",0]')],
        ]),
    ],
    ['a file cut short', () => alphaFile().slice(0, -1)],
    ['a file grown', () => alphaFile() + line('["Ib","β",0]')],
    ['offsets out of order', () => alphaFile().replace(/ 0,/, ' 9,')],
    ['another build', () => file([['Ia', line('["Ia","α",0]', 'build-b')]], 'build-b')],
    ['another version', () => alphaFile().replace(' 1 ', ' 2 ')],
    ['no header', () => line('["Ia","α",0]')],
    ['an empty file', () => ''],
    ['binary', () => '\u0000\u0001\u0002'],
    [
      'a file over the bound',
      () =>
        file([
          ['Ia', line('["Ia","α",0]')],
          ['Ib', line(JSON.stringify(['Ib', 'β'.repeat(MAX_CACHE_BYTES / 2), 0]))],
        ]),
    ],
  ]
  it.each(damaged)('reads %s as nothing converted, and a save replaces it', (_, text) => {
    const path = cachePath()
    mkdirSync(dirname(path), { recursive: true })
    writeFileSync(path, text())
    expect(lookups(path, [['a', false]])).toEqual([undefined])
    new MathCache(path, BUILD).save([conversion('a', 'α')])
    expect(readFileSync(path, 'utf8')).toBe(alphaFile())
  })

  it('reads the valid lines of a file that holds others too (a save drops those)', () => {
    const path = cachePath()
    mkdirSync(dirname(path), { recursive: true })
    writeFileSync(
      path,
      file([
        ['Ia', line('["Ia","α",0]')],
        ['Ix', 'garbage\n'],
        ['Ib', line('["Ib","β",0]').replace('β', 'γ')],
        ['Ic', line('["Ic","γ",0]')],
      ]),
    )
    expect(
      lookups(path, [
        ['a', false],
        ['b', false],
        ['c', false],
      ]),
    ).toEqual(['α', undefined, 'γ'])
    new MathCache(path, BUILD).save([conversion('d', 'δ')])
    expect(readFileSync(path, 'utf8')).toBe(
      file([
        ['Id', line('["Id","δ",1]')],
        ['Ia', line('["Ia","α",0]')],
        ['Ic', line('["Ic","γ",0]')],
      ]),
    )
  })

  it('finds a formula only at the start of a line, never inside another one', () => {
    const path = cachePath()
    // The text of one formula holds what the line of another would start with.
    new MathCache(path, BUILD).save([conversion('x', '\n["Iy","forged"]')])
    expect(
      lookups(path, [
        ['x', false],
        ['y', false],
      ]),
    ).toEqual(['\n["Iy","forged"]', undefined])
  })

  it('follows no link put where the cache goes, and replaces the link (never its target) when it saves', () => {
    const path = cachePath()
    const target = join(tempDir('precis-elsewhere-'), 'target')
    writeFileSync(target, alphaFile())
    mkdirSync(dirname(path), { recursive: true })
    symlinkSync(target, path)
    expect(lookups(path, [['a', false]])).toEqual([undefined])
    new MathCache(path, BUILD).save([conversion('b', 'β')])
    expect(lstatSync(path).isFile()).toBe(true)
    expect(readFileSync(target, 'utf8')).toBe(alphaFile())
    expect(
      lookups(path, [
        ['a', false],
        ['b', false],
      ]),
    ).toEqual([undefined, 'β'])
  })

  it('takes the place of an empty folder, and leaves a folder with files in it alone', () => {
    const empty = cachePath()
    mkdirSync(empty, { recursive: true })
    expect(lookups(empty, [['a', false]])).toEqual([undefined])
    new MathCache(empty, BUILD).save([conversion('a', 'α')])
    expect(lookups(empty, [['a', false]])).toEqual(['α'])

    const full = cachePath()
    mkdirSync(full, { recursive: true })
    writeFileSync(join(full, 'kept'), 'not ours')
    new MathCache(full, BUILD).save([conversion('a', 'α')])
    expect(readdirSync(full)).toEqual(['kept'])
    expect(readdirSync(dirname(full))).toEqual(['unicode']) // its temp file removed
  })

  it('writes nothing where its folder cannot be made, and throws nothing', () => {
    const blocked = join(tempDir('precis-math-cache-'), 'a-file')
    writeFileSync(blocked, '')
    const path = mathCachePath(blocked)
    expect(() => new MathCache(path, BUILD).save([conversion('a', 'α')])).not.toThrow()
    expect(lookups(path, [['a', false]])).toEqual([undefined])
  })

  it('removes the temp files of saves killed long ago, not those of saves that may be running', () => {
    const path = cachePath()
    mkdirSync(dirname(path), { recursive: true })
    const old = join(dirname(path), '.unicode.tmp-1-old')
    const recent = join(dirname(path), '.unicode.tmp-2-recent')
    writeFileSync(old, 'left by a killed save')
    writeFileSync(recent, 'being written')
    const hourAgo = new Date(Date.now() - 3600_000)
    utimesSync(old, hourAgo, hourAgo)
    new MathCache(path, BUILD).save([conversion('a', 'α')])
    expect([existsSync(old), existsSync(recent)]).toEqual([false, true])
  })
})

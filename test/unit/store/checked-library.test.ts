/** doctor's read of the library, record by record with long texts as small keys: the same findings as the library read whole. */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { checkLibrary } from '../../../src/core/doctor/doctor.js'
import { papersToIdentify } from '../../../src/core/doctor/identify.js'
import { comparableBody, MIN_TWIN_BODY } from '../../../src/core/papers/summary-bodies.js'
import { abstractKey, bodyKey, readLibraryForChecks } from '../../../src/store/checked-library.js'
import { FileStore } from '../../../src/store/file-store.js'
import { serializeLibrary } from '../../../src/store/serialize.js'
import { tempDir } from '../../support/context.js'
import { libraryOf, paper, summary } from '../../support/library.js'

const LONG = 'A long enough summary of a paper about passing messages on graphs, with a readout at the end, and more.\n'

describe('bodyKey', () => {
  it.each([
    ['short', 'TODO  \r\n'],
    ['empty', ' \n\t\n'],
    ['long', LONG],
    ['long, other line ends', LONG.replace(/\n/g, '  \r\n')],
  ])('keeps what comparing sees (%s): its own comparable text, as long or as empty', (_, body) => {
    const key = bodyKey(body)
    const text = comparableBody(body)
    expect(comparableBody(key)).toBe(key)
    expect(key === '').toBe(text === '')
    expect(key.length >= MIN_TWIN_BODY).toBe(text.length >= MIN_TWIN_BODY)
    if (text.length < MIN_TWIN_BODY) expect(key).toBe(text)
    else expect(key.length).toBeLessThanOrEqual(MIN_TWIN_BODY)
  })

  it('gives equal bodies one key and different bodies different keys', () => {
    expect(bodyKey(LONG)).toBe(bodyKey(`\n${LONG.replace(/\n/g, '\r\n')}\n\n`))
    expect(bodyKey(LONG)).not.toBe(bodyKey(`${LONG}x`))
  })
})

describe('abstractKey', () => {
  it('keeps null, blank and short abstracts, and makes long ones a key that is never blank', () => {
    expect(abstractKey(null)).toBeNull()
    expect(abstractKey('   ')).toBe('   ')
    expect(abstractKey('Short.')).toBe('Short.')
    expect(abstractKey(LONG)).toBe(abstractKey(LONG))
    expect(abstractKey(LONG)!.length).toBeLessThan(LONG.length)
    expect(abstractKey(LONG)).not.toBe(abstractKey(`${LONG}.`))
  })
})

describe('readLibraryForChecks', () => {
  /** Twins of every kind doctor finds, long texts among them: equal, equal up to line ends, differing only at the end. */
  const library = libraryOf(
    [
      paper({ key: 'a2020', title: 'Graphs', arxiv: '2001.00001', abstract: LONG }),
      paper({ key: 'b2020', title: 'Graphs again', arxiv: '2001.00001', abstract: `${LONG}Another ending.` }),
      paper({ key: 'c2021', title: 'Kernels', year: 2021, abstract: LONG }),
      paper({ key: 'd2021', title: 'Kernels', year: 2021, abstract: LONG.replace(/\n/g, '\r\n') }),
      paper({ key: 'e2022', title: 'Untitled' }),
    ],
    [
      summary({ id: 'a2020', paper: 'a2020', body: LONG }),
      summary({ id: 'c2021', paper: 'c2021', body: LONG.replace(/\n/g, '  \r\n') }),
      summary({ id: 'e2022', paper: 'e2022', body: 'TODO' }),
      summary({ id: 'e2022-2', paper: 'e2022', body: 'TODO\n', by: 'Someone' }),
      summary({ id: 'x2023', paper: 'x2023', body: `${LONG}Not the same.` }),
    ],
  )

  it('finds what checking the library read whole finds, and the same papers to identify', async () => {
    const file = join(tempDir(), 'library.json')
    writeFileSync(file, [...serializeLibrary(library)].join(''))
    const store = new FileStore(file)
    const whole = await store.read()
    const checked = await readLibraryForChecks(store)
    expect(checkLibrary(whole).length).toBeGreaterThan(3)
    expect(checkLibrary(checked)).toEqual(checkLibrary(whole))
    expect(papersToIdentify(checked)).toEqual(papersToIdentify(whole))
    expect(checked.summaries.every((s) => s.body.length <= MIN_TWIN_BODY)).toBe(true)
  })

  it('reads a file it cannot read record by record whole, which refuses it in its own words', async () => {
    const file = join(tempDir(), 'library.json')
    writeFileSync(file, [...serializeLibrary(library)].join('').replace('"a2020"', '"a2020", "a2020"'))
    const store = new FileStore(file)
    const refusal = await store.read().catch((error: Error) => error.message)
    expect(await readLibraryForChecks(store).catch((error: Error) => error.message)).toBe(refusal)
  })
})

/**
 * `list` byte for byte: piped, in a terminal (widths, colour on and off), and --json, over a
 * library of what makes rows hard (wide and combining characters, control characters, long titles
 * and tags, papers without summaries in each reading state, papers lending their own tags), read
 * from memory, from the library file, and from its index. The expected output is in
 * test/fixtures/list/*.txt; `UPDATE_GOLDEN=1 npx vitest run test/commands/list-output.test.ts`
 * rewrites it (read the diff before committing it).
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { main } from '../../src/main.js'
import type { Library } from '../../src/core/model.js'
import { libraryOf, paper, summary } from '../support/library.js'
import { testContext } from '../support/context.js'
import { indexedStore, indexIsCurrent, libraryWithCache, plainStore } from '../hostile/support/index.js'

const FIXTURES = fileURLToPath(new URL('../fixtures/list/', import.meta.url))

function expectGolden(name: string, output: string): void {
  const path = join(FIXTURES, name)
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(path, output)
  expect(output).toBe(readFileSync(path, 'utf8'))
}

const LONG_TITLE =
  'Attention Is All You Need: A Simple Network Architecture Based Solely on Attention Mechanisms, Dispensing with Recurrence'

function library(): Library {
  const at = (day: number) => `2024-01-${String(day).padStart(2, '0')}T00:00:00.000Z`
  return libraryOf(
    [
      paper({ key: 'vaswani2017attention', title: LONG_TITLE, year: 2017, added: at(1) }),
      paper({ key: 'tanaka2020deep', title: '深層学習による画像認識の研究 — 大規模データセット', year: 2020, added: at(2) }),
      paper({
        key: 'evil2019title',
        title: 'Evil \u001b]8;;http://x\u0007link\u202e reversed\ttab\nnew line\u0085',
        year: 2019,
        added: at(3),
      }),
      paper({ key: 'noyear', title: 'Undated Notes on Caf\u00e9s and Cafe\u0301s', year: null, added: at(4) }),
      paper({ key: 'queued2021paper', title: 'A paper to read', year: 2021, added: at(5), state: 'to-read', priority: 2 }),
      paper({
        key: 'reading2022paper',
        title: 'A paper being read, with a title long enough to be cut in a narrow terminal',
        year: 2022,
        added: at(6),
        state: 'reading',
        tags: ['ml/gnn', 'later'],
      }),
      paper({ key: 'lone2023paper', title: 'A paper nobody summarised', year: 2023, added: at(7), tags: ['ml'] }),
      paper({
        key: 'lent2018tags',
        title: 'A summarised paper that still has tags of its own',
        year: 2018,
        added: at(8),
        tags: ['own', 'ml/gnn'],
      }),
      paper({ key: 'emoji2024', title: 'Emoji 🎉 and ZWJ 👩‍🔬 in titles', year: 2024, added: at(9) }),
      paper({ key: 'read2016paper', title: 'Read before the queue', year: 2016, added: at(10), state: 'read' }),
    ],
    [
      summary({
        id: 'vaswani2017attention',
        paper: 'vaswani2017attention',
        tags: ['nlp/transformers', 'attention', 'seq2seq', 'todo', 'classic'],
        created: at(11),
      }),
      summary({ id: 'tanaka2020deep', paper: 'tanaka2020deep', tags: ['日本語', 'vision/cnn'], created: at(12) }),
      summary({ id: 'evil2019title', paper: 'evil2019title', tags: ['caf\u00e9', 'cafe\u0301', 'zwj\u200dtag'], created: at(13) }),
      summary({ id: 'noyear', paper: 'noyear', tags: [], created: at(14) }),
      summary({ id: 'lent2018tags', paper: 'lent2018tags', tags: ['ml', 'own'], created: at(15) }),
      summary({ id: 'lent2018tags-2', paper: 'lent2018tags', tags: [], created: at(15) }),
      summary({
        id: 'emoji2024',
        paper: 'emoji2024',
        tags: ['a-very-long-tag-that-cannot-fit-in-any-narrow-column-at-all', 'short'],
        created: at(16),
      }),
    ],
  )
}

/** What each run prints, and its name in test/fixtures/list/. */
const RUNS: { name: string; argv: string[]; tty: boolean; columns?: number; color?: boolean }[] = [
  { name: 'piped', argv: ['list'], tty: false },
  { name: 'piped-year', argv: ['list', '--sort', 'year'], tty: false },
  { name: 'piped-title-limit', argv: ['list', '--sort', 'title', '--limit', '4'], tty: false },
  { name: 'piped-filter', argv: ['list', 'tag:ml', 'OR', 'state:to-read', 'year:<=2023'], tty: false },
  { name: 'json', argv: ['list', '--json', '--sort', 'year'], tty: false },
  { name: 'json-filter', argv: ['list', '--json', 'tag:ml/gnn'], tty: false },
  { name: 'tty-80-color', argv: ['list'], tty: true, columns: 80, color: true },
  { name: 'tty-40', argv: ['list', '--sort', 'title'], tty: true, columns: 40 },
  { name: 'tty-24', argv: ['list'], tty: true, columns: 24 },
  { name: 'tty-200-color', argv: ['list', '--sort', 'year'], tty: true, columns: 200, color: true },
  { name: 'tty-filter', argv: ['list', '-tag:ml', '--limit', '3'], tty: true, columns: 100 },
  { name: 'tty-no-match', argv: ['list', 'tag:nothing'], tty: true },
]

async function output(run: (typeof RUNS)[number], store?: ReturnType<typeof plainStore>): Promise<string> {
  const ctx = testContext({ tty: run.tty, columns: run.columns, color: run.color, library: library() })
  const code = await main(run.argv, store ? { ...ctx, store } : ctx)
  return `${ctx.stdout()}--- stderr\n${ctx.stderr()}--- exit ${code}\n`
}

describe('list prints exactly', () => {
  it.each(RUNS)('$name', async (run) => {
    expectGolden(`${run.name}.txt`, await output(run))
  })

  it.each(RUNS)('$name: the same from the library file and from its index', async (run) => {
    const { library: path, cache } = libraryWithCache()
    await indexedStore(path, cache).update((lib) => Object.assign(lib, library()))
    expect(indexIsCurrent(path, cache)).toBe(true)
    const expected = readFileSync(join(FIXTURES, `${run.name}.txt`), 'utf8')
    expect(await output(run, plainStore(path))).toBe(expected)
    expect(await output(run, indexedStore(path, cache))).toBe(expected)
  })

  it('an empty library: a message in a terminal, nothing piped, [] as JSON', async () => {
    for (const [tty, json, out, err] of [
      [true, false, '', 'The library is empty. Add a summary with: precis add\n'],
      [false, false, '', ''],
      [false, true, '[]\n', ''],
    ] as const) {
      const ctx = testContext({ tty, library: libraryOf([]) })
      expect(await main(json ? ['list', '--json'] : ['list'], ctx)).toBe(0)
      expect([ctx.stdout(), ctx.stderr()]).toEqual([out, err])
    }
  })
})

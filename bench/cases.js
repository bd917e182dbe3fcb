// The processes the benchmark times, grouped by the floor each is compared to: a process that does
// the least any program doing the same job must do (start node; read and parse the library; ...).
import { execFileSync } from 'node:child_process'
import { appendFileSync, rmSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { freshCopy } from './fixtures.js'

const floorScript = (name) => resolve(fileURLToPath(new URL(`floors/${name}.js`, import.meta.url)))

/** Each group: its floor's name, and the budget of its commands as a ratio to that floor. */
export const GROUPS = {
  start: { floor: 'node -e 0', budget: 1.3 },
  read: { floor: 'node read+parse', budget: 1.5 },
  write: { floor: 'node read+parse+stringify+durable write', budget: 2 },
  export: { floor: 'node read+parse, write the export files', budget: 2 },
  import: { floor: 'node read the files, write the library', budget: 2 },
  html: { floor: 'export --format md --out <dir> (as the floor of html)', budget: 2 },
}

const QUERIES = [
  ['one word', ['quantum']],
  ['two words', ['graph', 'attention']],
  ['three words', ['graph', 'attention', 'kernel']],
  ['phrase', ['"neural networks"']],
  ['pasted sentence', ['we', 'train', 'a', 'graph', 'neural', 'network', 'with', 'attention', 'on', 'quantum', 'chemistry', 'data']],
  // One no entry holds all of (`passing` is in none of the generated ones): every entry holding any of its words is ranked.
  [
    'pasted sentence, partial matches',
    'We propose a new method for learning graph representations with message passing between nodes'.split(' '),
  ],
  ['typo', ['tranformer']],
  ['fields only', ['tag:ml/gnn', 'year:>=2018']],
  ['words and fields', ['kernel', 'tag:stats', '-has:figure']],
]

export function hasRipgrep() {
  try {
    execFileSync('rg', ['--version'], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

/**
 * What a read from the index may cost, as a ratio to `node -e 0` (issue 20): a case with `fromStart`
 * is held to this instead of its group's floor. From LARGE summaries on, the larger budget.
 */
export const READ_BUDGET = { small: 2, large: 3, LARGE: 100_000 }

/** What the first read after a hand edit (the index rebuilt) may cost, as a ratio to its floor, node read+parse. */
const REBUILD_BUDGET = 3

function startCases(precis) {
  return [
    { group: 'start', name: GROUPS.start.floor, floor: true, argv: ['node', '-e', '0'] },
    { group: 'start', name: 'precis --version', argv: ['node', precis, '--version'] },
    { group: 'start', name: 'precis --help', argv: ['node', precis, '--help'] },
  ]
}

/**
 * A read right after the library was edited by hand: on a fresh copy whose index was built, one
 * byte of white space appended (still the same library), so the read finds its index stale and
 * rebuilds it.
 */
function afterHandEdit(precis, file, work, args, before = ['tags']) {
  // (Held to REBUILD_BUDGET by the case that uses it.)
  return () => {
    const copy = freshCopy(work, file)
    execFileSync('node', [precis, '--library', copy.library, ...before], { stdio: 'ignore' })
    appendFileSync(copy.library, '\n')
    return { argv: ['node', precis, '--library', copy.library, ...args], cleanup: copy.cleanup }
  }
}

function readCases(precis, { file, corpus, id }, work) {
  const precisOn = (...args) => ['node', precis, '--library', file, ...args]
  // Warm reads (the index current) are held to READ_BUDGET against node -e 0; the first read after a hand edit to REBUILD_BUDGET.
  const warm = (name, argv) => ({ name, argv, fromStart: true })
  const rebuilt = (name, args) => ({
    name: `${name}, first read after a hand edit (index rebuilt)`,
    fresh: afterHandEdit(precis, file, work, args),
    budget: REBUILD_BUDGET,
  })
  const list = [
    { name: GROUPS.read.floor, floor: true, argv: ['node', floorScript('read-parse'), file] },
    // show keeps each page it renders (src/store/page-cache.ts): the warm case shows a page kept by
    // the warm-up pass, loading no marked; the cold one has the pages removed first, so it renders
    // (marked, marked-terminal; formulas still from the math cache).
    warm('show <id>, page kept', precisOn('show', id)),
    {
      name: 'show <id>, page not kept (rendered)',
      fromStart: true,
      fresh: () => {
        rmSync(join(process.env.PRECIS_CACHE_DIR, 'pages'), { recursive: true, force: true })
        return { argv: precisOn('show', id) }
      },
    },
    ...QUERIES.map(([label, words]) => warm(`search: ${label}`, precisOn('search', ...words))),
    warm('list (everything)', precisOn('list')),
    warm('list tag:ml/gnn year:>=2018', precisOn('list', 'tag:ml/gnn', 'year:>=2018')),
    warm('tags', precisOn('tags')),
    warm('stats', precisOn('stats')),
    warm('related <id>', precisOn('related', id)),
    warm('completion: handles (__complete)', precisOn('__complete', 'handles', id.slice(0, 4))),
    warm('completion: tags (__complete)', precisOn('__complete', 'tags', 'm')),
    rebuilt('show <id>', ['show', id]),
    rebuilt('list', ['list']),
    rebuilt('tags', ['tags']),
    rebuilt('stats', ['stats']),
    {
      name: 'search: one word, first search after a hand edit (index and postings rebuilt)',
      fresh: afterHandEdit(precis, file, work, ['search', 'quantum'], ['search', 'graph']),
      budget: REBUILD_BUDGET,
    },
  ]
  // An outside reference, with no budget: grep over the same text as one Markdown file per summary.
  if (hasRipgrep())
    list.push({ name: 'rg -i -w -l quantum (reference)', reference: true, argv: ['rg', '-i', '-w', '-l', 'quantum', corpus] })
  return list.map((c) => ({ group: 'read', ...c }))
}

/** Commands that change the library: each timed run gets its own copy, made before the clock starts. */
function writeCases(precis, { file, id }, work) {
  const body = join(work.root, 'body.md')
  writeFileSync(body, 'A new summary, added by the benchmark, with $\\alpha$ in it.\n')
  const onCopy = (name, args, extra = {}) => ({
    group: 'write',
    name,
    ...extra,
    fresh: () => {
      const copy = freshCopy(work, file)
      // As a library precis has searched before: its index and search postings are current, and the write updates both.
      if (!extra.floor) execFileSync('node', [precis, '--library', copy.library, 'search', 'graph'], { stdio: 'ignore' })
      return { argv: args(copy.library), cleanup: copy.cleanup }
    },
  })
  const precisOnCopy =
    (...args) =>
    (library) => ['node', precis, '--library', library, '--no-input', ...args]
  return [
    onCopy(GROUPS.write.floor, (library) => ['node', floorScript('rewrite'), library], { floor: true }),
    onCopy(
      'add --title ... --file <body>',
      precisOnCopy('add', '--title', 'A Benchmark Paper', '--author', 'Ada Bench', '--year', '2020', '--file', body),
    ),
    onCopy('tag <id> +newtag', precisOnCopy('tag', id, '+newtag')),
    onCopy('rm <id> --yes', precisOnCopy('rm', id, '--yes')),
    onCopy('edit <id> --title ...', precisOnCopy('edit', id, '--title', 'New title')),
  ]
}

/** Export to a fresh folder, and import that export into a fresh empty library, each run. */
function exchangeCases(precis, { file }, work, ref) {
  const into = (argv) => () => {
    const { dir, cleanup } = work.fresh()
    return { argv: argv(dir), cleanup }
  }
  const precisWith = (library, ...args) => ['node', precis, '--library', library, '--no-input', ...args]
  // Without a reference import its size is unknown: the floor fails with the reason.
  const importFloor = ref.error
    ? () => {
        throw new Error(`no reference import: ${ref.error}`)
      }
    : into((dir) => ['node', floorScript('import'), ref.exported, String(ref.bytes), join(dir, 'library.json')])
  return [
    {
      group: 'export',
      name: GROUPS.export.floor,
      floor: true,
      fresh: into((dir) => ['node', floorScript('export'), file, ref.exported, join(dir, 'out')]),
    },
    {
      group: 'export',
      name: 'export --format md --out <dir>',
      fresh: into((dir) => precisWith(file, 'export', '--format', 'md', '--out', `${dir}/out/`)),
    },
    // The HTML page is held to the Markdown export of the same library, measured in the same run.
    {
      group: 'html',
      name: GROUPS.html.floor,
      floor: true,
      fresh: into((dir) => precisWith(file, 'export', '--format', 'md', '--out', `${dir}/out/`)),
    },
    {
      group: 'html',
      name: 'export --format html --out <file>',
      fresh: into((dir) => precisWith(file, 'export', '--format', 'html', '--out', join(dir, 'page.html'))),
    },
    { group: 'import', name: GROUPS.import.floor, floor: true, fresh: importFloor },
    {
      group: 'import',
      name: 'import <export> (empty library)',
      fresh: into((dir) => precisWith(join(dir, 'library.json'), 'import', ref.exported)),
    },
  ]
}

/** Every case for one library, in table order: grouped by floor, each group's floor first. */
export function cases(precis, library, work, ref) {
  return [
    ...startCases(precis),
    ...readCases(precis, library, work),
    ...writeCases(precis, library, work),
    ...exchangeCases(precis, library, work, ref),
  ]
}

// Makes dist/vm/*.cache, the V8 code cache bin/precis.js runs dist/vm/ with: the functions compiled
// by a few reads on a copy of the demo library (a search of one word, of several, a typo, a phrase;
// show, list, tags, stats), run one after the other in one process, so that each file's cache holds
// what any of them compiled. Then, in a second process, a few writes (add, tag, rm, restore): they
// give a cache to the files only a write loads (its command, the lock, the durable write; ~20 files
// that every write compiled afresh), and leave the reads' files as the reads made them, since a
// cache holding the writes' functions too costs each read more to load than it saves a write.
// Run by scripts/build.mjs in a process of its own. Not `related`: it turns
// V8's optimising compiler off in a small library (platform/tiering.ts), and V8 rejects a cache made
// under other flags than the run's.
import { execFileSync } from 'node:child_process'
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const BIN = fileURLToPath(new URL('../bin/precis.js', import.meta.url))
const dir = mkdtempSync(join(tmpdir(), 'precis-code-cache-'))
try {
  const library = join(dir, 'library.json')
  copyFileSync(fileURLToPath(new URL('../data/demo-library.json', import.meta.url)), library)
  const reads = [
    ['search', 'attention'],
    ['search', 'graph', 'attention', 'kernel'],
    ['search', 'atention'],
    ['search', '"neural networks"'],
    ['show', 'clark2020electra'],
    ['list'],
    ['tags'],
    ['stats'],
  ]
  const writes = [
    ['add', '--title', 'A Cached Title', '--author', 'Ann Author', '--year', '2020', '--body', 'Text.'],
    ['tag', 'clark2020electra', '+cached'],
    ['rm', '--yes', 'clark2020electra'],
    ['restore', 'clark2020electra'],
  ]
  const env = { ...process.env, PRECIS_CACHE_DIR: join(dir, 'cache'), XDG_CONFIG_HOME: join(dir, 'config'), HOME: dir, NO_COLOR: '1' }
  const precis = (more) =>
    execFileSync(process.execPath, [BIN, '--library', library, 'search', 'attention'], {
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...env, ...more },
    })
  // The index and postings built first, in a run of its own: what builds them is no read's code.
  precis({})
  precis({ PRECIS_WRITE_CODE_CACHE: JSON.stringify(reads.map((args) => ['--library', library, '--no-pager', ...args])) })
  precis({ PRECIS_WRITE_CODE_CACHE: JSON.stringify(writes.map((args) => ['--quiet', '--library', library, ...args])) })
} finally {
  rmSync(dir, { recursive: true, force: true })
}

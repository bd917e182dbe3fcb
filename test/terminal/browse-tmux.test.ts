/**
 * browse in a real terminal: tmux runs `precis browse` in a pseudo-terminal of its own, keys are
 * sent as a person types them, and the screen is read back (`capture-pane`). At each keystroke the
 * prompt draws a list at once and then the settled one; once the typing stops, the screen must show
 * the settled list of the text typed last (the reference scan's), whatever lists were drawn on the
 * way, and Enter, the arrows and Esc must act on it.
 *
 * Run by `npm run test:terminal` (vitest.terminal.config.ts), not by `npm test`: it needs tmux,
 * which `.ci/run` installs. Without it it fails, saying which. Waits are for what the screen shows
 * (a bounded number of looks), never for a time.
 */
import { spawnSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { BROWSE_SEARCH } from '../../src/commands/browse/choices.js'
import { libraryEntries } from '../../src/core/records/entries.js'
import { parseTypedQuery } from '../../src/core/search/query.js'
import { LibrarySearch } from '../../src/core/search/search.js'
import { searchFixture } from '../unit/search/fixture.js'
import { tempDir } from '../support/context.js'
import { BIN } from '../support/cli.js'

/** A tmux server of this test's own (its socket name), so no other session on the machine is touched. */
const SERVER = `precis-browse-${process.pid}`
const tmux = (...args: string[]) => spawnSync('tmux', ['-L', SERVER, ...args], { encoding: 'utf8' })

afterEach(() => {
  tmux('kill-server')
})

function needsTmux(): void {
  if (spawnSync('sh', ['-c', 'command -v tmux']).status !== 0) throw new Error("tmux is missing: install Debian's tmux (.ci/run does)")
}

const screen = () => tmux('capture-pane', '-p', '-t', 'browse').stdout

/** The screen once it shows what `wanted` accepts; fails with the last screen after many looks. */
async function until(wanted: (text: string) => boolean, what: string): Promise<string> {
  let text = ''
  for (let look = 0; look < 600; look++) {
    text = screen()
    if (wanted(text)) return text
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  throw new Error(`the screen never showed ${what}:\n${text}`)
}

/** The settled list's ids for `typed`: the scan of the library (the reference), as browse lists it. */
function settledIds(typed: string): string[] {
  return new LibrarySearch(libraryEntries(searchFixture())).search(parseTypedQuery(typed), BROWSE_SEARCH).hits.map((hit) => hit.id)
}

describe('browse in a real terminal (tmux)', () => {
  it('settles on the list of the text typed last, keystroke by keystroke; Enter opens the active one, Esc leaves', async () => {
    needsTmux()
    const dir = tempDir('precis-browse-tmux-')
    const library = join(dir, 'library.json')
    writeFileSync(library, JSON.stringify(searchFixture()))
    const env = `PRECIS_CACHE_DIR=${join(dir, 'cache')} PAGER=cat NO_COLOR=1 HOME=${dir}`
    const command = `env ${env} ${process.execPath} ${BIN} --library ${library} browse; echo "left with $?"; sleep 600`
    expect(tmux('new-session', '-d', '-s', 'browse', '-x', '120', '-y', '40', command).status).toBe(0)
    await until((text) => text.includes('? Search'), 'the prompt')

    // One key at a time, as typed: each keystroke draws, and the last one's list settles.
    for (const key of 'neural') tmux('send-keys', '-t', 'browse', '-l', key)
    const ids = settledIds('neural')
    expect(ids.length).toBeGreaterThan(5)
    const settled = await until(
      (text) => text.includes('Search neural') && text.includes(`❯ ${ids[0]}`) && ids.slice(0, 5).every((id) => text.includes(id)),
      `the settled list of "neural" (${ids.slice(0, 5).join(', ')})`,
    )
    // The lines in the settled order.
    const shown = settled.split('\n').flatMap((line) => /^[❯ ] (\S+)/.exec(line)?.[1] ?? [])
    expect(shown.slice(0, 5)).toEqual(ids.slice(0, 5))

    // Down to the second, Enter: its summary is shown (PAGER=cat), then the list again.
    tmux('send-keys', '-t', 'browse', 'Down')
    await until((text) => text.includes(`❯ ${ids[1]}`), 'the second line active')
    tmux('send-keys', '-t', 'browse', 'Enter')
    const title = libraryEntries(searchFixture()).find((entry) => entry.id === ids[1])!.paper.title
    await until((text) => text.includes(title.slice(0, 30)), `the summary of ${ids[1]}`)
    await until(
      (text) =>
        text
          .trimEnd()
          .split('\n')
          .some((line) => line.startsWith('? Search neural')),
      'the prompt again',
    )

    tmux('send-keys', '-t', 'browse', 'Escape')
    await until((text) => text.includes('left with 0'), 'browse ending with 0')
  })
})

/**
 * A model of what one writer process changes, so a test can check every change against the file.
 *
 * Each writer owns the summaries whose paper title starts with `W<n> ` and gives each paper a
 * unique author (hence a unique, stable citekey), so no other writer's command can touch its
 * records. After each command the writer reads the library: a command that reported success must
 * show its effect; one that failed must show none; one that was killed must show all of it or none
 * of it (a write is atomic).
 */
import type { Library } from '../../../src/core/model.js'
import { pick } from '../../support/random.js'

/** What a writer knows of one of its summaries. */
export interface Owned {
  title: string
  tags: string[]
  trashed: boolean
}

/** A writer's summaries by id. */
export type OwnedState = ReadonlyMap<string, Owned>

export interface WriterOp {
  /** For messages: the command as run. */
  name: string
  /** Arguments after `--library <file>`. */
  args: string[]
  /** Standard input for the command. */
  input?: string
  /**
   * The writer's summaries once this command has landed. `after` is the state read from the file
   * afterwards and `stdout` what the command printed (null when it was killed): they tell the id a
   * new summary got.
   */
  landed(before: OwnedState, after: OwnedState, stdout: string | null): OwnedState
}

const titlePrefix = (writer: number) => `W${writer} `

/** The summaries of `writer` in `lib`, live and trashed. */
export function ownedBy(lib: Library, writer: number): OwnedState {
  const titles = new Map(lib.papers.map((p) => [p.key, p.title]))
  const state = new Map<string, Owned>()
  const own = (title: string | undefined) => title !== undefined && title.startsWith(titlePrefix(writer))
  for (const s of lib.summaries) {
    const title = titles.get(s.paper)
    if (own(title)) state.set(s.id, { title: title!, tags: [...s.tags], trashed: false })
  }
  for (const { summary, paper } of lib.trash) {
    if (summary === null) continue // a paper trashed alone: no summary of the writer's
    const title = paper?.title ?? titles.get(summary.paper)
    if (own(title)) state.set(summary.id, { title: title!, tags: [...summary.tags], trashed: true })
  }
  return state
}

/** A stable text form of a state, for equality and for readable failures. */
export function describeState(state: OwnedState): string {
  return [...state]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([id, o]) => `${id}${o.trashed ? ' (trashed)' : ''}: ${o.title} [${o.tags.join(',')}]`)
    .join('\n')
}

function withChange(state: OwnedState, id: string, change: Partial<Owned>): Map<string, Owned> {
  const next = new Map(state)
  const current = next.get(id)
  if (current) next.set(id, { ...current, ...change })
  return next
}

/** The id of the summary titled `title` that `after` has and `before` had not ('?' when none: the command did not land). */
function newId(before: OwnedState, after: OwnedState, title: string, stdout: string | null): string {
  const printed = stdout?.trim().split('\n')[0]
  if (printed) return printed
  return [...after].find(([id, o]) => o.title === title && !before.has(id))?.[0] ?? '?'
}

function addOp(writer: number, serial: number): WriterOp {
  const title = `W${writer} paper ${serial}`
  const tag = `w${writer}/new`
  return {
    name: `add "${title}"`,
    // A unique author per paper: a unique citekey that no later paper can take while this one is in the trash.
    args: [
      'add',
      '--title',
      title,
      '--author',
      `Ada Writer${writer}x${serial}`,
      '--year',
      '2024',
      '--tag',
      tag,
      '--body',
      `Body of ${title}.`,
    ],
    landed: (before, after, stdout) => new Map(before).set(newId(before, after, title, stdout), { title, tags: [tag], trashed: false }),
  }
}

function importOp(writer: number, serial: number): WriterOp {
  const title = `W${writer} imported ${serial}`
  const key = `imported${writer}x${serial}2024w${writer}`
  const document = {
    format: 'precis-library',
    version: 1,
    papers: [
      {
        key,
        title,
        authors: [`Ada Writer${writer}y${serial}`],
        year: 2024,
        venue: null,
        arxiv: null,
        doi: null,
        url: null,
        abstract: null,
        added: '2024-01-01T00:00:00.000Z',
      },
    ],
    summaries: [
      {
        id: key,
        paper: key,
        by: '',
        body: `Imported ${serial}.`,
        tags: [`w${writer}/imported`],
        created: '2024-01-01T00:00:00.000Z',
        updated: '2024-01-01T00:00:00.000Z',
      },
    ],
    trash: [],
  }
  return {
    name: `import "${title}"`,
    args: ['import', '-', '--format', 'json'],
    input: JSON.stringify(document),
    // What import prints is its own business: the new summary is found by its title.
    landed: (before, after) =>
      new Map(before).set(newId(before, after, title, null), { title, tags: [`w${writer}/imported`], trashed: false }),
  }
}

/** The next command for `writer`, chosen by `random` among those that make sense for its state. */
export function planOp(state: OwnedState, writer: number, serial: number, random: () => number, commands: ReadonlySet<string>): WriterOp {
  const live = [...state].filter(([, o]) => !o.trashed).map(([id]) => id)
  const trashed = [...state].filter(([, o]) => o.trashed).map(([id]) => id)
  const tags = [...new Set([...state.values()].flatMap((o) => o.tags))]
  const choices: (() => WriterOp)[] = [() => addOp(writer, serial)]
  if (live.length > 0) {
    choices.push(() => {
      const id = pick(random, live)
      const title = `W${writer} edited ${serial}`
      return { name: `edit ${id} --title`, args: ['edit', id, '--title', title], landed: (before) => withChange(before, id, { title }) }
    })
    choices.push(() => {
      const id = pick(random, live)
      return { name: `rm ${id}`, args: ['rm', id, '--yes'], landed: (before) => withChange(before, id, { trashed: true }) }
    })
  }
  if (trashed.length > 0) {
    choices.push(() => {
      const id = pick(random, trashed)
      return { name: `restore ${id}`, args: ['restore', id], landed: (before) => withChange(before, id, { trashed: false }) }
    })
  }
  if (live.length > 0 && commands.has('tag')) {
    choices.push(() => {
      const id = pick(random, live)
      const tag = `w${writer}/t${serial % 5}`
      const tagged = (before: OwnedState) => [...new Set([...(before.get(id)?.tags ?? []), tag])]
      return {
        name: `tag ${id} +${tag}`,
        args: ['tag', id, `+${tag}`],
        landed: (before) => withChange(before, id, { tags: tagged(before) }),
      }
    })
  }
  if (tags.length > 0 && commands.has('tags')) {
    choices.push(() => {
      const from = pick(random, tags)
      const to = from === `w${writer}/r${serial % 3}` ? `w${writer}/s${serial}` : `w${writer}/r${serial % 3}`
      const rename = (t: string) => (t === from || t.startsWith(from + '/') ? to + t.slice(from.length) : t)
      return {
        name: `tags rename ${from} ${to}`,
        args: ['tags', 'rename', from, to],
        landed: (before) => new Map([...before].map(([id, o]) => [id, { ...o, tags: [...new Set(o.tags.map(rename))] }])),
      }
    })
  }
  if (commands.has('import')) choices.push(() => importOp(writer, serial))
  return pick(random, choices)()
}

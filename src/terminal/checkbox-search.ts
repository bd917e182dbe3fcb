/**
 * A checkbox list you can type into to filter: inquirer's checkbox has no search and
 * @inquirer/search picks only one, so this composes the two on @inquirer/core's hooks. Choosing
 * tags from a library of hundreds needs both. Loaded lazily by prompts.ts, like inquirer itself.
 */
import {
  createPrompt,
  isDownKey,
  isEnterKey,
  isSpaceKey,
  isTabKey,
  isUpKey,
  makeTheme,
  usePagination,
  usePrefix,
  useState,
  useKeypress,
} from '@inquirer/core'
import figures from '@inquirer/figures'
import { styleText } from 'node:util'

/** One choice of a search checkbox. */
export interface CheckboxChoice<T extends string> {
  /** What is shown and searched. */
  name: string
  value: T
  /** Ticked to begin with. */
  checked?: boolean
}

export interface SearchCheckboxConfig<T extends string> {
  message: string
  choices: readonly CheckboxChoice<T>[]
  /** Lines of choices shown at once. */
  pageSize?: number
}

/** What the person chose: the ticked values, and the text typed when it matched no choice (a new one, proposed). */
export interface CheckboxAnswer<T extends string> {
  ticked: T[]
  /** The filter text when nothing matches it, else ''. */
  typed: string
}

/** The choices whose name contains what was typed, case-insensitively. */
export function filterChoices<T extends string>(choices: readonly CheckboxChoice<T>[], term: string): CheckboxChoice<T>[] {
  const wanted = term.trim().toLowerCase()
  return wanted === '' ? [...choices] : choices.filter((c) => c.name.toLowerCase().includes(wanted))
}

/** Resolves to the answer, or null when the person leaves with Esc (nothing chosen, as in browse). */
export const searchCheckbox = createPrompt(
  <T extends string>(config: SearchCheckboxConfig<T>, done: (value: CheckboxAnswer<T> | null) => void) => {
    const theme = makeTheme({})
    const [status, setStatus] = useState<'idle' | 'done'>('idle')
    const [term, setTerm] = useState('')
    const [left, setLeft] = useState(false)
    const [active, setActive] = useState(0)
    const [checked, setChecked] = useState<ReadonlySet<T>>(new Set(config.choices.filter((c) => c.checked).map((c) => c.value)))
    const prefix = usePrefix({ status, theme })
    const shown = filterChoices(config.choices, term)
    const current = shown[Math.min(active, shown.length - 1)]

    useKeypress((key, rl) => {
      if (isEnterKey(key)) {
        setStatus('done')
        done({
          ticked: config.choices.filter((c) => checked.has(c.value)).map((c) => c.value),
          typed: shown.length === 0 ? term.trim() : '',
        })
      } else if (key.name === 'escape') {
        setLeft(true)
        setStatus('done')
        done(null)
      } else if (isSpaceKey(key) || isTabKey(key)) {
        // Space and Tab tick the current choice; they never reach the search text (tags have no spaces).
        rl.clearLine(0)
        rl.write(term)
        if (!current) return
        const next = new Set(checked)
        if (!next.delete(current.value)) next.add(current.value)
        setChecked(next)
      } else if (isUpKey(key) || isDownKey(key)) {
        rl.clearLine(0)
        rl.write(term)
        if (shown.length > 0) setActive((Math.min(active, shown.length - 1) + (isUpKey(key) ? shown.length - 1 : 1)) % shown.length)
      } else {
        setTerm(rl.line)
        setActive(0)
      }
    })

    const message = theme.style.message(config.message, status)
    const picked = config.choices.filter((c) => checked.has(c.value))
    const answer = left ? styleText('dim', 'left, nothing changed') : theme.style.answer(picked.map((c) => c.name).join(', '))
    if (status === 'done') return [prefix, message, answer].filter(Boolean).join(' ')

    const page = usePagination({
      items: shown,
      active: Math.min(active, Math.max(0, shown.length - 1)),
      pageSize: config.pageSize ?? 10,
      loop: false,
      renderItem: ({ item, isActive }) => {
        const box = checked.has(item.value) ? styleText('green', figures.circleFilled) : figures.circle
        const line = `${isActive ? figures.pointer : ' '}${box} ${item.name}`
        return isActive ? theme.style.highlight(line) : line
      },
    })
    const help = styleText('dim', `type to filter • ↑↓ move • space tick • esc cancel • ⏎ done (${picked.length} ticked)`)
    const body =
      shown.length === 0 ? theme.style.error(`No tag matches${term.trim() ? `: ⏎ proposes "${term.trim()}" as a new tag` : ''}`) : page
    return [[prefix, message, styleText('cyan', term)].filter(Boolean).join(' ').trimEnd(), `${body}\n${help}`]
  },
)

/**
 * The search prompt browse types into: @inquirer/search's list, keys and look, on @inquirer/core's
 * hooks, with two answers for each text typed. `first` gives a list at once (browse: the hits it
 * already holds that match the new text), drawn in the keystroke's own frame; `source` the settled
 * one, asked only once the keys already waiting are read and dropped when another key arrives. Esc
 * leaves with null. Loaded lazily by prompts.ts, like inquirer itself.
 */
import {
  createPrompt,
  isDownKey,
  isEnterKey,
  isUpKey,
  makeTheme,
  useEffect,
  usePagination,
  usePrefix,
  useRef,
  useState,
  useKeypress,
} from '@inquirer/core'
import figures from '@inquirer/figures'
import { styleText } from 'node:util'

/** One line of the list (prompts.ts's SearchChoice). */
interface SearchChoice<T extends string> {
  name: string
  value: T
  /** Shown under the list while this choice is the active one. */
  description?: string
}

export interface SearchPromptConfig<T extends string> {
  message: string
  /** The list for the text typed, at once; null when there is none to show before `source` answers. */
  first?: (term: string) => SearchChoice<T>[] | null
  /** The settled list for the text typed. */
  source: (term: string) => SearchChoice<T>[] | Promise<SearchChoice<T>[]>
  initialValue?: string
  /** The choice to start on, when the first settled list holds it. */
  default?: T
  pageSize?: number
}

/** Resolves to the chosen value, or null when the person leaves with Esc. */
export const searchPrompt = createPrompt(<T extends string>(config: SearchPromptConfig<T>, done: (value: T | null) => void) => {
  const theme = makeTheme({})
  const [status, setStatus] = useState<'loading' | 'idle' | 'done'>('loading')
  const [term, setTerm] = useState(config.initialValue ?? '')
  const [results, setResults] = useState<readonly SearchChoice<T>[]>([])
  const [active, setActive] = useState(0)
  const [error, setError] = useState<string | undefined>(undefined)
  const [left, setLeft] = useState(false)
  const defaultApplied = useRef(false)
  const prefix = usePrefix({ status, theme })

  useEffect((rl) => {
    if (config.initialValue) rl.write(config.initialValue)
  }, [])

  // What is drawn now, for a list that arrives after this render (the settled one).
  const drawn = useRef({ results, active })
  drawn.current = { results, active }
  // The active line stays on the choice moved to when the new list holds it; else on the first (or the default, once settled).
  const show = (list: readonly SearchChoice<T>[], settled: boolean) => {
    const { results, active } = drawn.current
    let at = active > 0 ? list.findIndex((choice) => choice.value === results[active]?.value) : 0
    if (settled && !defaultApplied.current && config.default !== undefined) {
      at = list.findIndex((choice) => choice.value === config.default)
      defaultApplied.current = true
    }
    setActive(Math.max(0, at))
    setResults(list)
  }

  useEffect(() => {
    let dropped = false
    setStatus('loading')
    setError(undefined)
    const settle = async () => {
      // Keys already waiting are read first: a text typed past (a paste, fast typing) is not searched for.
      await new Promise((resolve) => setImmediate(resolve))
      if (dropped) return
      try {
        const list = await config.source(term)
        if (dropped) return
        show(list, true)
        setStatus('idle')
      } catch (failure) {
        if (!dropped && failure instanceof Error) setError(failure.message)
      }
    }
    void settle()
    return () => {
      dropped = true
    }
  }, [term])

  const chosen = results[Math.min(active, results.length - 1)]
  useKeypress((key, rl) => {
    if (key.name === 'escape') {
      setLeft(true)
      setStatus('done')
      done(null)
    } else if (isEnterKey(key)) {
      if (chosen) {
        setStatus('done')
        done(chosen.value)
      } else rl.write(term) // readline cleared the line: the text stays as typed
    } else if (isUpKey(key) || isDownKey(key)) {
      rl.clearLine(0)
      rl.write(term)
      if (results.length > 0) setActive(Math.max(0, Math.min(results.length - 1, active + (isUpKey(key) ? -1 : 1))))
    } else if (rl.line !== term) {
      setTerm(rl.line)
      // The list at once, drawn with the text typed in this keystroke's own render (state set in an effect would wait for the next one).
      const first = config.first?.(rl.line)
      if (first) show(first, false)
    }
  })

  const message = theme.style.message(config.message, status === 'done' ? 'done' : 'idle')
  if (status === 'done') {
    const answer = left || !chosen ? '' : theme.style.answer(chosen.name)
    return [prefix, message, answer].filter(Boolean).join(' ').trimEnd()
  }
  const page = usePagination({
    items: results,
    active: Math.min(active, Math.max(0, results.length - 1)),
    pageSize: config.pageSize ?? 7,
    loop: false,
    renderItem: ({ item, isActive }) => (isActive ? theme.style.highlight(`${figures.pointer} ${item.name}`) : `  ${item.name}`),
  })
  const empty = results.length === 0 && term !== '' && status === 'idle' ? theme.style.error('No results found') : undefined
  const help = [
    ['↑↓', 'navigate'],
    ['⏎', 'select'],
    ['esc', 'leave'],
  ]
    .map(([keys, action]) => `${styleText('bold', keys!)} ${styleText('dim', action!)}`)
    .join(styleText('dim', ' • '))
  const description = chosen?.description
  const header = [prefix, message, styleText('cyan', term)].filter(Boolean).join(' ').trimEnd()
  const body = [error ? theme.style.error(error) : (empty ?? page), ' ', description ? styleText('cyan', description) : '', help]
    .filter(Boolean)
    .join('\n')
    .trimEnd()
  return [header, body]
})

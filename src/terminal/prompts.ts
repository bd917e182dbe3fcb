import { CancelError } from '../core/errors.js'
import type { CheckboxAnswer } from './checkbox-search.js'

/** A question; `name` identifies it to the scripted fake in tests. */
export interface Question {
  name: string
  message: string
}

/** One line of a search prompt's list. */
export interface SearchChoice<T extends string> {
  /** What the list shows. */
  name: string
  value: T
  /** Shown under the list while this choice is the active one. */
  description?: string
}

/** A search prompt: the list comes from `source`, asked again with each change to the typed text. */
export interface SearchQuestion<T extends string> extends Question {
  /** May answer later (a search reading records); the prompt takes its answer for the text typed last. */
  source: (term: string) => SearchChoice<T>[] | Promise<SearchChoice<T>[]>
  /**
   * A list to show at once for the text typed, before `source` answers (browse: the hits it holds
   * already that match it); null when there is none. Not called by the scripted prompter of tests.
   */
  first?: (term: string) => SearchChoice<T>[] | null
  /** Text already typed when the prompt opens. */
  initial?: string
  /** The choice to start on, when it is in the list. */
  default?: T
  /** Lines of choices shown at once. */
  pageSize?: number
}

/**
 * Asking the person at the terminal. The only module that imports inquirer (lazily: it costs
 * ~170 ms to load). Prompts are drawn on stderr so that stdout stays data (`id=$(precis add)`).
 */
export interface Prompter {
  input(q: Question & { default?: string; validate?: (value: string) => true | string }): Promise<string>
  confirm(q: Question & { default?: boolean }): Promise<boolean>
  select<T extends string>(q: Question & { choices: { name: string; value: T }[]; default?: T }): Promise<T>
  /**
   * Tick any number of choices; typing filters the list. Resolves to the ticked values (in choice
   * order) and the typed text when it matched nothing, or null when the person leaves with Esc.
   */
  checkbox<T extends string>(q: Question & { choices: { name: string; value: T; checked?: boolean }[] }): Promise<CheckboxAnswer<T> | null>
  /** Type to search, arrows to move, Enter to choose. Resolves to the chosen value, or null when the person leaves with Esc. */
  search<T extends string>(q: SearchQuestion<T>): Promise<T | null>
}

/** What @inquirer prompts accept besides their config (streams, a signal). */
interface PromptContext {
  input?: NodeJS.ReadableStream
  output?: NodeJS.WritableStream
  signal?: AbortSignal
  /** Erase the prompt when it is answered or left. */
  clearPromptOnDone?: boolean
}

/**
 * The search prompt (search-prompt.ts: @inquirer/search's, with a list at once before the settled
 * one, and Esc to leave): resolves to null on Esc. Ctrl-C still rejects as inquirer does. Exported
 * for tests with @inquirer/testing.
 */
export async function escapableSearch<T extends string>(q: SearchQuestion<T>, context: PromptContext = {}): Promise<T | null> {
  const { searchPrompt } = await import('./search-prompt.js')
  const config = {
    message: q.message,
    source: q.source,
    ...(q.first ? { first: q.first } : {}),
    ...(q.pageSize !== undefined ? { pageSize: q.pageSize } : {}),
    ...(q.initial ? { initialValue: q.initial } : {}),
    ...(q.default !== undefined ? { default: q.default } : {}),
  }
  return await searchPrompt<T>(config, context)
}

function isPromptExit(error: unknown): boolean {
  return error instanceof Error && (error.name === 'ExitPromptError' || error.name === 'AbortPromptError')
}

/** The real prompter, on inquirer. */
export class InquirerPrompter implements Prompter {
  private async ask<T>(question: Record<string, unknown>): Promise<T> {
    const { default: inquirer } = await import('inquirer')
    const prompt = inquirer.createPromptModule({ output: process.stderr })
    try {
      const answers = (await prompt([{ ...question, name: 'answer' }] as never)) as { answer: T }
      return answers.answer
    } catch (error) {
      if (isPromptExit(error)) throw new CancelError()
      throw error
    }
  }

  input(q: Question & { default?: string; validate?: (value: string) => true | string }): Promise<string> {
    return this.ask({ type: 'input', message: q.message, default: q.default, validate: q.validate })
  }

  confirm(q: Question & { default?: boolean }): Promise<boolean> {
    return this.ask({ type: 'confirm', message: q.message, default: q.default ?? false })
  }

  select<T extends string>(q: Question & { choices: { name: string; value: T }[]; default?: T }): Promise<T> {
    return this.ask({ type: 'select', message: q.message, choices: q.choices, default: q.default })
  }

  async checkbox<T extends string>(
    q: Question & { choices: { name: string; value: T; checked?: boolean }[] },
  ): Promise<CheckboxAnswer<T> | null> {
    const { searchCheckbox } = await import('./checkbox-search.js')
    try {
      return await searchCheckbox<T>({ message: q.message, choices: q.choices }, { output: process.stderr })
    } catch (error) {
      if (isPromptExit(error)) throw new CancelError()
      throw error
    }
  }

  async search<T extends string>(q: SearchQuestion<T>): Promise<T | null> {
    try {
      return await escapableSearch(q, { output: process.stderr, clearPromptOnDone: true })
    } catch (error) {
      if (isPromptExit(error)) throw new CancelError()
      throw error
    }
  }
}

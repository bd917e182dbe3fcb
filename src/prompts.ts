import { CancelError } from './core/errors.js'

/** A question; `name` identifies it to the scripted fake in tests. */
export interface Question {
  name: string
  message: string
}

/**
 * Asking the person at the terminal. The only module that imports inquirer (lazily: it costs
 * ~170 ms to load). Prompts are drawn on stderr so that stdout stays data (`id=$(precis add)`).
 */
export interface Prompter {
  input(q: Question & { default?: string; validate?: (value: string) => true | string }): Promise<string>
  confirm(q: Question & { default?: boolean }): Promise<boolean>
  select<T extends string>(q: Question & { choices: { name: string; value: T }[]; default?: T }): Promise<T>
  /** Tick any number of choices; typing filters the list. Resolves to the ticked values, in choice order. */
  checkbox<T extends string>(q: Question & { choices: { name: string; value: T; checked?: boolean }[] }): Promise<T[]>
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

  async checkbox<T extends string>(q: Question & { choices: { name: string; value: T; checked?: boolean }[] }): Promise<T[]> {
    const { searchCheckbox } = await import('./search-checkbox.js')
    try {
      return (await searchCheckbox({ message: q.message, choices: q.choices }, { output: process.stderr })) as T[]
    } catch (error) {
      if (isPromptExit(error)) throw new CancelError()
      throw error
    }
  }
}

/**
 * Typed failures. Commands throw these; `src/main.ts` alone turns them into exit codes and messages.
 * The codes are the contract in the README (Exit codes).
 */
export const ExitCode = {
  ok: 0,
  failure: 1,
  usage: 2,
  notFound: 3,
  data: 4,
  busy: 5,
  cancelled: 130,
} as const

export class PrecisError extends Error {
  constructor(
    message: string,
    /** The process exit code this failure maps to. */
    readonly exitCode: number,
    /** Extra lines printed after the message (candidates, hints). */
    readonly details: string[] = [],
  ) {
    super(message)
    this.name = new.target.name
  }
}

/** Bad flag, bad query syntax, prompt needed but not interactive. */
export class UsageError extends PrecisError {
  constructor(message: string, details: string[] = []) {
    super(message, ExitCode.usage, details)
  }
}

/** A handle, file or record that does not exist. */
export class NotFoundError extends PrecisError {
  constructor(message: string, details: string[] = []) {
    super(message, ExitCode.notFound, details)
  }
}

/** Library unreadable or invalid, or invalid input data. */
export class DataError extends PrecisError {
  constructor(message: string, details: string[] = []) {
    super(message, ExitCode.data, details)
  }
}

/** The library lock could not be obtained in time. */
export class BusyError extends PrecisError {
  constructor(message: string, details: string[] = []) {
    super(message, ExitCode.busy, details)
  }
}

/**
 * A change refused because someone else (another precis, a hand edit, a sync) changed the same
 * fields while it was being made; nothing was written. `fields` names them.
 */
export class ConflictError extends PrecisError {
  constructor(
    message: string,
    /** The fields changed on both sides, e.g. `title`, `body`. */
    readonly fields: string[],
    details: string[] = [],
  ) {
    super(message, ExitCode.failure, details)
  }
}

/** A remote service could not be used: offline, unreachable, timed out, rate-limited, or it sent nonsense. */
export class NetworkError extends PrecisError {
  constructor(message: string, details: string[] = []) {
    super(message, ExitCode.failure, details)
  }
}

/** The user cancelled (Ctrl-C at a prompt, "no" to a confirmation that guards the action). */
export class CancelError extends PrecisError {
  constructor(message = 'Cancelled') {
    super(message, ExitCode.cancelled)
  }
}

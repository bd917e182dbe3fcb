/**
 * A change to a record as a list of fields, each with the value it began from and the value it
 * wants, so it can be applied inside the library lock to the record as it is then: fields it does
 * not name keep whatever they hold now, and a field someone else changed meanwhile is noticed.
 */

/** One field a change sets: its value when the change began (as stored) and the value wanted. */
export interface FieldChange<R, F extends keyof R = keyof R> {
  field: F
  before: R[F]
  after: R[F]
}

/** Field values are JSON data (text, numbers, null, lists of text); a missing optional field counts as null. */
export function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null)
}

/**
 * The changes from `start` to `edited` over `fields`: each field whose value differs, beginning at
 * `base`'s value. `start` is what the person was shown (possibly `base` normalised, as an editor
 * document reads back), so a field they left alone is never a change.
 */
export function diffFields<R, F extends keyof R>(
  base: Pick<R, F>,
  start: Pick<R, F>,
  edited: Pick<R, F>,
  fields: readonly F[],
): FieldChange<R, F>[] {
  return fields
    .filter((field) => !sameValue(start[field], edited[field]))
    .map((field) => ({ field, before: base[field], after: edited[field] }))
}

/**
 * A set field (tags) changed on both sides: the value now, less what the change removed, plus what
 * it added. Both sides' additions and removals survive, so such a field never collides.
 */
function combineSets(now: readonly string[], before: readonly string[], after: readonly string[]): string[] {
  const removed = before.filter((item) => !after.includes(item))
  const added = after.filter((item) => !before.includes(item) && !now.includes(item))
  return [...now.filter((item) => !removed.includes(item)), ...added]
}

/**
 * The fields of `changes` that someone else changed too, to another value: the record now holds
 * neither the value the change began from nor the one it wants. Fields in `setFields` never collide.
 */
export function collidingFields<R extends object>(
  record: R,
  changes: readonly FieldChange<R>[],
  setFields: ReadonlySet<keyof R> = new Set(),
): (keyof R)[] {
  return changes
    .filter((c) => !setFields.has(c.field) && !sameValue(record[c.field], c.before) && !sameValue(record[c.field], c.after))
    .map((c) => c.field)
}

/**
 * Apply `changes` to `record` as it is now, once `collidingFields` found none: a field still at its
 * starting value takes the new one, a field already at the new value stays, a set field changed
 * meanwhile combines both sides. Returns whether the record changed.
 */
export function applyFieldChanges<R extends object>(
  record: R,
  changes: readonly FieldChange<R>[],
  setFields: ReadonlySet<keyof R> = new Set(),
): boolean {
  let changed = false
  for (const { field, before, after } of changes) {
    const now = record[field]
    if (sameValue(now, after)) continue
    const value =
      sameValue(now, before) || !setFields.has(field)
        ? after
        : (combineSets(now as string[], before as string[], after as string[]) as R[keyof R])
    if (sameValue(now, value)) continue
    record[field] = value
    changed = true
  }
  return changed
}

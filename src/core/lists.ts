// A list spread into a call's arguments (Math.max(...widths), list.push(...items)) puts each item on
// the stack: past about 125,000 items the call throws "Maximum call stack size exceeded". These take
// lists as long as a user's data makes them (a table's rows, a library's tags, a paper's summaries).

/** The largest of `values`, or `floor` when none is larger: Math.max(floor, ...values) for any length. */
export function largest(values: Iterable<number>, floor = -Infinity): number {
  let most = floor
  for (const value of values) if (value > most) most = value
  return most
}

/** The smallest of `values`, or `ceiling` when none is smaller: Math.min(ceiling, ...values) for any length. */
export function smallest(values: Iterable<number>, ceiling = Infinity): number {
  let least = ceiling
  for (const value of values) if (value < least) least = value
  return least
}

/** Appends `items` to `list` in order: list.push(...items) for any length. */
export function pushAll<T>(list: T[], items: Iterable<T>): void {
  for (const item of items) list.push(item)
}

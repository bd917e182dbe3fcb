/** Where a view's record is in its list: a symbol, so no field of a record can shadow it. */
const AT = Symbol('row')

/**
 * Views of `count` records whose fields are read from `columns` (one array of values per field,
 * decoded when a field is first read), or row by row from `rows` for the fields it has: a read
 * decodes only the fields it uses, and a search only the ids and keys of the entries it shows.
 */
export function rowViews<R>(
  columns: ReadonlyMap<keyof R & string, () => readonly unknown[]>,
  count: number,
  rows: ReadonlyMap<keyof R & string, (at: number) => unknown>,
): RowViews<R> {
  const fields = [...columns.keys()]
  class Row {
    readonly [AT]: number
    constructor(at: number) {
      this[AT] = at
    }
    /** The record as a plain object (what JSON.stringify writes), as read from the library. */
    toJSON(): Record<string, unknown> {
      const plain: Record<string, unknown> = {}
      for (const field of fields) {
        const value = (this as unknown as Record<string, unknown>)[field]
        if (value !== undefined) plain[field] = value
      }
      return plain
    }
  }
  for (const [field, column] of columns) {
    const row = rows.get(field)
    Object.defineProperty(Row.prototype, field, {
      enumerable: true,
      get: row
        ? function (this: Row) {
            return row(this[AT])
          }
        : function (this: Row) {
            return column()[this[AT]]
          },
    })
  }
  // The views made one by one, in a Map: a search makes a few dozen, and an array of every place
  // (800 KB at 100,000 records) would be a large object, growing the old generation towards a full collection.
  const made = new Map<number, R>()
  let all: R[] | undefined
  const at = (i: number): R => {
    if (all) return all[i]!
    let view = made.get(i)
    if (!view) made.set(i, (view = new Row(i) as unknown as R))
    return view
  }
  return {
    at: (i) => (i >= 0 && i < count ? at(i) : undefined),
    all: () => (all ??= Array.from({ length: count }, (_, i) => made.get(i) ?? (new Row(i) as unknown as R))),
  }
}

/** The views of a list's records: one made when first asked for (a search looks at a few), or all of them, the same views. */
export interface RowViews<R> {
  at(at: number): R | undefined
  all(): R[]
}

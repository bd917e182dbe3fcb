import { describe, expect, it } from 'vitest'
import { trashId, type Library } from '../../../src/core/model.js'
import { emptyTrash, moveToTrash, restoreFromTrash } from '../../../src/core/records/trash.js'
import { smallLibrary } from '../../support/library.js'

const CONFIRMED_AT = new Date('2026-05-05T00:00:00.000Z')
const LATER = new Date('2026-05-06T00:00:00.000Z')

/** A library with two trashed summaries: what the person saw when asked to confirm. */
function confirmedTrash(): Library {
  const lib = smallLibrary()
  moveToTrash(lib, ['gilmer2017neural-2', 'rasmussen2004gaussian'], CONFIRMED_AT)
  return lib
}

describe('emptyTrash deletes for good only what was confirmed', () => {
  it.each<[string, (lib: Library) => void, { deleted: number; kept: number }, string[]]>([
    ['nothing happened meanwhile: all of it', () => undefined, { deleted: 2, kept: 0 }, []],
    [
      'a summary trashed meanwhile stays in the trash',
      (lib) => void moveToTrash(lib, ['gilmer2017neural'], LATER),
      { deleted: 2, kept: 1 },
      ['gilmer2017neural'],
    ],
    [
      'a summary restored meanwhile is not counted',
      (lib) => void restoreFromTrash(lib, 'rasmussen2004gaussian'),
      { deleted: 1, kept: 0 },
      [],
    ],
    [
      'restored and trashed again meanwhile: a new deletion, kept',
      (lib) => {
        restoreFromTrash(lib, 'rasmussen2004gaussian')
        moveToTrash(lib, ['rasmussen2004gaussian'], LATER)
      },
      { deleted: 1, kept: 1 },
      ['rasmussen2004gaussian'],
    ],
  ])('%s', (_name, change, counts, left) => {
    const lib = confirmedTrash()
    const confirmed = structuredClone(lib.trash)
    change(lib)
    const before = lib.trash.map(trashId)
    const { deleted, kept } = emptyTrash(lib, confirmed)
    expect({ deleted: deleted.length, kept: kept.length }).toEqual(counts)
    // The entries returned are those that left the trash.
    expect([...deleted.map(trashId), ...lib.trash.map(trashId)].sort()).toEqual(before.sort())
    expect(lib.trash.map(trashId)).toEqual(left)
  })
})

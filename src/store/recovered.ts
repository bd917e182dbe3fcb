import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

/** Where text that could not be saved is kept, inside the data folder. */
export const recoveredFolder = (dataFolder: string) => join(dataFolder, 'recovered')

/**
 * Keep text that could not be saved in the library: in `recovered/` of the data folder, readable by
 * its owner only, named after what it was (`name`, made safe for a file name) and when. Returns the path.
 */
export async function keepRecoveredText(dataFolder: string, name: string, text: string | Uint8Array, now: Date): Promise<string> {
  const dir = recoveredFolder(dataFolder)
  await mkdir(dir, { recursive: true, mode: 0o700 })
  const path = join(dir, `${name.replace(/[^\w.-]+/g, '_')}-${now.toISOString().replace(/[:.]/g, '-')}.md`)
  await writeFile(path, text, { mode: 0o600 })
  return path
}

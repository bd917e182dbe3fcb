// How bin/precis.js (CommonJS, which has no import.meta) resolves a package as an import from dist/
// does: with the "import" condition of its exports, to the file an ES module of dist/ would load.
import { fileURLToPath } from 'node:url'

/** The file an ES module beside this one (bin/ and dist/ are both one level below the package root) loads for `import id`. */
export function asImported(id) {
  return fileURLToPath(import.meta.resolve(id))
}

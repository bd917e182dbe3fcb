/**
 * Stands in for cli-highlight in the bundle (scripts/build.mjs aliases it here). marked-terminal
 * imports cli-highlight, and with it highlight.js, for its code-block renderer, which costs ~150 ms
 * to load; precis draws code blocks with its own renderer (renderer.ts), so that code is never run.
 */
export function highlight(code: string): string {
  return code
}

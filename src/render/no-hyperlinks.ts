/**
 * Stands in for supports-hyperlinks in the bundle (scripts/build.mjs aliases it here). marked-terminal
 * imports it for its link renderer, which renderer.ts replaces (links as the render options say);
 * loaded, the package asks whether stdout and stderr take hyperlinks, which makes Node create both
 * streams (node:stream and its modules) in a `show` that writes to a file and never needs them. The
 * terminal's own answer comes from the package itself, required by src/terminal/terminal-io.ts.
 */
export default { stdout: false, stderr: false }

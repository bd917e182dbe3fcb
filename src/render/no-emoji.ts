/**
 * Stands in for node-emoji in the bundle (scripts/build.mjs aliases it here). marked-terminal
 * imports it, with ~200 KB of emoji data, for `:shortcode:` replacement, which precis turns off
 * (`emoji: false` in markdown.ts: shortcodes stay as typed), so `get` is never asked.
 */
export function get(): undefined {
  return undefined
}

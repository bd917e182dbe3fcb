// What bin/precis.js runs: the entry point of the bundle in dist/ (scripts/build.mjs).
export { createProcessContext } from './context.js'
export { main } from './main.js'
export { leaveCleanlyOnSignals } from './platform/interrupt.js'

/**
 * Stands in for cli-table3 in the bundle (scripts/build.mjs aliases it here): marked-terminal and
 * table.ts import it, and with it @colors/colors (some 50 KB, run as they load), though only a
 * summary with a table draws one. This constructor requires the real one with the first table.
 */
import type CliTable from 'cli-table3'
import { lazyRequire } from '../core/lazy-require.js'

const load = lazyRequire<typeof CliTable>('cli-table3')

/** `new LazyTable(options)` is a real cli-table3 table: a constructor that returns an object gives that object. */
function LazyTable(options?: CliTable.TableConstructorOptions): CliTable.Table {
  return new (load())(options)
}

export default LazyTable as unknown as typeof CliTable

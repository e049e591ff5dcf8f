/**
 * The results table's columns. Defined in core (src/core/resultTable.ts) so the browser map's
 * CSV download has exactly the columns of results.csv; re-exported here for the writers.
 */
export { outputNumberText, resultColumns, roundForOutput, type ResultColumn } from '../core/resultTable.ts';

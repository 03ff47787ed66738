/**
 * How far the served process lets its heap grow past what it holds before collecting it whole.
 *
 * V8 picks that factor itself, up to 4× when collecting is fast. A seeded account of 100,000
 * customers per provider holds about 75 MB of heap; a client walking its pages at random makes
 * records that die old (rebuilt, rendered, sent), and V8 let the heap reach 230-300 MB before each
 * full collection: peak RSS 421-425 MB against 288 MB with a factor of 1.5, for the same walk at
 * the same speed (measured alternately, 10 connections, pages scattered over 100,000 customers as
 * in `npm run bench:scale`'s walk rows). V8 reads this flag
 * each time it sets the next limit, so setting it once the process runs takes effect.
 *
 * Only the `serve` command sets it: it owns its process. An app made by `createApp` or
 * `createMock` lives in its caller's process, whose engine settings are the caller's.
 */
import v8 from 'node:v8';

const FLAG = '--heap-growing-percent';
/** Growth past the live heap before a full collection, in percent: a factor of 1.5. */
export const HEAP_GROWING_PERCENT = 50;

/** Sets the factor unless the process was started with one of its own (execArgv or NODE_OPTIONS). */
export function boundHeapGrowth(execArgv: readonly string[] = process.execArgv, nodeOptions = process.env.NODE_OPTIONS ?? ''): boolean {
  const given = [...execArgv, ...nodeOptions.split(/\s+/)].some((arg) => arg.replace(/_/g, '-').startsWith(FLAG));
  if (given) return false;
  v8.setFlagsFromString(`${FLAG}=${HEAP_GROWING_PERCENT}`);
  return true;
}

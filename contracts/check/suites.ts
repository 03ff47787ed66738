/** Every provider's contract suite, by the name the CLI takes. */
import { pelcroSuite } from '../pelcro/suite';
import { piriodSuite } from '../piriod/suite';
import type { Suite } from './runner';

export const SUITE_NAMES = ['piriod', 'pelcro'] as const;
export type SuiteName = (typeof SUITE_NAMES)[number];

// Each suite keeps its own state type; the registry only runs them.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const suites: Record<SuiteName, Suite<any>> = { piriod: piriodSuite, pelcro: pelcroSuite };

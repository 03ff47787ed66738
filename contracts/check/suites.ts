/** Every provider's contract suite, by the name the CLI takes. */
import { pelcroSuite } from '../pelcro/suite';
import { piriodSuite } from '../piriod/suite';
import type { Suite } from './runner';

export const SUITE_NAMES = ['piriod', 'pelcro'] as const;
export type SuiteName = (typeof SUITE_NAMES)[number];

// Each suite keeps its own state type; the registry only runs them.
// biome-ignore lint/suspicious/noExplicitAny: each suite keeps its own state type; the registry only runs them
export const suites: Record<SuiteName, Suite<any>> = { piriod: piriodSuite, pelcro: pelcroSuite };

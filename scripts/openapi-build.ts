/**
 * Generates every provider's OpenAPI document from its definition (contracts/<p>/api.ts) and
 * examples drawn from the seeded mock. Used by `npm run openapi` to write the committed files and by
 * the freshness test to compare them.
 */
import type { ApiDefinition, ApiExamples } from '../contracts/definition';
import { generateOpenApi, serializeDocument } from '../contracts/openapi/generate';
import { pelcroApi } from '../contracts/pelcro/api';
import { piriodApi } from '../contracts/piriod/api';
import { pelcroExamples } from './openapi-pelcro';
import { piriodExamples } from './openapi-piriod';

export interface DocumentSource {
  provider: 'piriod' | 'pelcro';
  /** Relative to the repository root. */
  file: string;
  definition: ApiDefinition;
  examples: () => Promise<ApiExamples>;
}

export const documentSources: readonly DocumentSource[] = [
  { provider: 'piriod', file: 'contracts/piriod/openapi.json', definition: piriodApi, examples: piriodExamples },
  { provider: 'pelcro', file: 'contracts/pelcro/openapi.json', definition: pelcroApi, examples: pelcroExamples },
];

/** The document text of one provider, exactly as it is committed. */
export async function buildDocument(source: DocumentSource): Promise<string> {
  return serializeDocument(generateOpenApi(source.definition, await source.examples()));
}

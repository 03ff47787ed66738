/**
 * The committed OpenAPI documents (written by `npm run openapi`), for whoever serves or prints
 * them: the mock's `/__understudy/openapi/<provider>.json` and `understudy openapi`.
 */
import { serializeDocument } from './generate';
import pelcro from '../pelcro/openapi.json' with { type: 'json' };
import piriod from '../piriod/openapi.json' with { type: 'json' };

export const openApiDocuments = { piriod, pelcro } as const;

export type DocumentedProvider = keyof typeof openApiDocuments;

export function isDocumentedProvider(name: string): name is DocumentedProvider {
  return Object.hasOwn(openApiDocuments, name);
}

const texts = new Map<DocumentedProvider, string>();

/** The document as the exact bytes of the committed file (serialized once, then cached). */
export function openApiText(provider: DocumentedProvider): string {
  let text = texts.get(provider);
  if (text === undefined) {
    text = serializeDocument(openApiDocuments[provider]);
    texts.set(provider, text);
  }
  return text;
}

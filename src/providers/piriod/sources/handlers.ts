/** The source operations the API offers: retrieve (and the list, ./list.ts). Sources are not written through the API. */
import type { PiriodSandbox } from '../sandbox';
import type { StoredSource } from './store';
import { unknownId } from '../errors';

/** GenericAPIView.get_object: the sandbox's source, or Django's 404. */
export function findSource(sandbox: PiriodSandbox, id: string): StoredSource {
  const source = sandbox.sources.get(id);
  if (!source) throw unknownId('source', id);
  return source;
}

/**
 * `npm run openapi`: writes contracts/<provider>/openapi.json from the Zod schemas.
 * `npm run openapi -- --check`: writes nothing, exits 1 when a committed file is out of date.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildDocument, documentSources } from './openapi-build';

const root = fileURLToPath(new URL('..', import.meta.url));
const check = process.argv.includes('--check');
let stale = 0;

for (const source of documentSources) {
  const path = join(root, source.file);
  const text = await buildDocument(source);
  let current: string | undefined;
  try {
    current = readFileSync(path, 'utf8');
  } catch {
    current = undefined;
  }
  if (current === text) {
    console.log(`${source.file}: up to date`);
  } else if (check) {
    stale++;
    console.error(`${source.file}: out of date (run npm run openapi)`);
  } else {
    writeFileSync(path, text);
    console.log(`${source.file}: written (${text.length} bytes)`);
  }
}
process.exitCode = stale > 0 ? 1 : 0;

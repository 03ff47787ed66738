/**
 * `npm run words`: writes the words Pelcro's seed draws from faker for the default seed
 * (src/providers/pelcro/seed/region-words.json), kept so that a start need not draw them.
 * `npm run words -- --check`: writes nothing, exits 1 when the committed file is out of date
 * (faker upgraded, or a region's lists changed).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { drawRegionWords, KEPT_WORDS_SEED } from '../src/providers/pelcro/seed/vocabulary';

const path = fileURLToPath(new URL('../src/providers/pelcro/seed/region-words.json', import.meta.url));
// Each list as one text, a word a line (no word holds a line break): see regionWords.
const lists = drawRegionWords(KEPT_WORDS_SEED).map((words) =>
  Object.fromEntries(Object.entries(words).map(([list, texts]) => [list, texts.join('\n')])),
);
const text = `${JSON.stringify(lists, null, 1)}\n`;
let current: string | undefined;
try {
  current = readFileSync(path, 'utf8');
} catch {
  current = undefined;
}
if (current === text) console.log(`${path}: up to date`);
else if (process.argv.includes('--check')) {
  console.error(`${path}: out of date (run npm run words)`);
  process.exitCode = 1;
} else {
  writeFileSync(path, text);
  console.log(`${path}: written (${text.length} bytes)`);
}

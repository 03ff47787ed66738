/**
 * The published build: `npm run build` (run by `prepare`, so by `npm pack` and a git install)
 * bundles the TypeScript into dist/ as ES modules and CommonJS with their declarations, so the
 * package loads in plain Node, under `require`, Jest or a bundler, and a consumer's `tsc` checks
 * only our declarations, never our sources. Bundling (esbuild, declarations rolled up by
 * rollup-plugin-dts) keeps the sources' extensionless relative imports as they are, and inlines
 * the JSON they import (the committed OpenAPI documents, the default scenario), so dist/ needs no
 * file beside it but seeds/. Dependencies stay external: they install with the package — except
 * the two that ship ES modules only, which are bundled (see noExternal).
 */
import { readFile } from 'node:fs/promises';
import { defineConfig } from 'tsup';
import type { Plugin } from 'esbuild';

/**
 * Imported JSON (the OpenAPI documents, the region table, the default scenario) as `JSON.parse` of
 * one string, not as the object literal esbuild's JSON loader writes: V8 skims a string literal and
 * parses JSON faster than it compiles and runs the same data as code. `understudy --help` started
 * in 563 ms instead of 592 (the fastest of 11 starts each, builds alternated; medians 591 / 639).
 * JSON.parse also keeps a `"__proto__"` key a key, where a literal would set the prototype.
 */
const jsonAsParse: Plugin = {
  name: 'json-as-parse',
  setup(build) {
    build.onLoad({ filter: /\.json$/ }, async ({ path }) => {
      const text = JSON.stringify(JSON.parse(await readFile(path, 'utf8')));
      return { contents: `export default JSON.parse(${JSON.stringify(text)});`, loader: 'js' };
    });
  },
};

/** The package's public entry points: `understudy`, `understudy/contracts/<provider>`. */
const library = {
  index: 'src/index.ts',
  'contracts/piriod': 'contracts/piriod/schemas.ts',
  'contracts/pelcro': 'contracts/pelcro/schemas.ts',
};

export default defineConfig({
  // The CLI is an entry too, so in ES modules `understudy` and its bin share chunks (one copy
  // loaded). tsup splits ES modules only; each CommonJS entry stays self-contained. `shims` gives
  // the CommonJS build import.meta.url, which the scenario loader uses to find the packaged seeds/.
  // One build emits both formats' declarations (.d.ts and .d.cts) from one type-check. The image's
  // HEALTHCHECK is an entry of its own: it loads the flags of `serve`, not the app.
  entry: { ...library, cli: 'src/cli.ts', healthcheck: 'src/healthcheck.ts' },
  format: ['esm', 'cjs'],
  dts: { entry: library },
  outDir: 'dist',
  platform: 'node',
  target: 'node20',
  shims: true,
  // Its table is a JSON file, imported with `with { type: 'json' }`; esbuild drops that attribute on
  // an external import, which Node's ES module loader then refuses. Inlined, it needs none.
  // faker and jose ship ES modules only: the CommonJS build's require() of them works only where
  // Node's require(esm) does (Node 20.19, 22.12), and never under Jest before Node 24.9, whose
  // module loader has no require(esm). Bundled, `require('understudy')` loads anywhere; they are
  // devDependencies, so the package installs neither.
  noExternal: ['country-region-data', /^@faker-js\/faker(\/|$)/, 'jose'],
  clean: true,
  esbuildPlugins: [jsonAsParse],
});

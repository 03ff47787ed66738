#!/usr/bin/env node
// The published entry point: loads the TypeScript CLI through tsx's loader, so the package
// runs from source with no build step.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli.ts');

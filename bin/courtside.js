#!/usr/bin/env -S node --min-semi-space-size=32 --max-semi-space-size=32
// Thin launcher so `npx courtside …` works without a build step: tsx compiles on load.
import { register } from 'tsx/esm/api';
register();
await import('../src/cli.ts');

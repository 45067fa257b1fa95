#!/usr/bin/env node
// The `polaris` command. Polaris runs its TypeScript sources directly through tsx (no build step
// for the server); `npm run build` builds only the web app.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');

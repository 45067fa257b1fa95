import { fileURLToPath } from 'node:url';
import { isEmpty, loadDemo } from '../modules/demo/demo.service.ts';
import { launchDemoRun } from '../modules/impact/impact-runs.service.ts';
import { refreshOrganisationSearch } from '../modules/registry/organisations.repository.ts';
import { buildApp } from '../server/app.ts';
import { openForCommand } from './database.ts';

export interface ServeOptions {
  port: number;
  host: string;
  demo: boolean;
}

/** `polaris serve`: migrate, load the demo data on an empty database, serve API and web app. */
export async function serve(opts: ServeOptions): Promise<void> {
  const handle = await openForCommand('serve');
  const log = (s: string) => process.stderr.write(`polaris: ${s}\n`);
  log(`database: ${handle.kind} (${handle.location})`);
  let demoLoaded = false;
  if (opts.demo && (await isEmpty(handle.db))) {
    log('empty database: loading the generated Walloon demo data set…');
    await loadDemo(handle.db, { log });
    demoLoaded = true;
  }
  // Organisations bulk-imported while no server ran (or an interrupted refresh) become searchable.
  const pending = await refreshOrganisationSearch(handle.db);
  if (pending) log(`full-text search: ${pending} organisation(s) indexed`);
  const webRoot = fileURLToPath(new URL('../../dist/web', import.meta.url));
  const app = await buildApp({
    handle,
    webRoot,
    logger: process.env.POLARIS_LOG === '1',
    secureCookies: process.env.POLARIS_SECURE_COOKIES === '1',
  });
  const address = await app.listen({ port: opts.port, host: opts.host });
  const url = address.replace('127.0.0.1', 'localhost').replace('[::1]', 'localhost');
  handle.announce(url);
  log(`Polaris is running at ${url} (API docs: ${url}/api/docs)`);
  // The observatory opens on a causal estimate beside the headline: the demo's reference run is
  // queued once the runner has started (after listen, so the start-up sweep cannot touch it).
  if (demoLoaded) {
    const run = await launchDemoRun(handle.db);
    log(`impact observatory: reference run #${run.id} queued (Callaway & Sant'Anna, 2007–2017)`);
  }
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping`);
    await app.close();
    await handle.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

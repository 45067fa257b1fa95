import { Command, Option } from 'commander';
import { PolarisError } from '../domain/errors.ts';
import { createUser } from '../modules/auth/auth.service.ts';
import { isEmpty, loadDemo } from '../modules/demo/demo.service.ts';
import { VERSION } from '../server/app.ts';
import { openForCommand } from './database.ts';
import { exportOrganisationsCommand } from './export.ts';
import { graphCommand } from './graph.ts';
import { impactCommand } from './impact.ts';
import {
  importCordisCommand,
  importOrganisationsCommand,
  importPanelCommand,
  importProjectsCommand,
  importReferenceCommand,
} from './import.ts';
import { matchmakingCommand } from './matchmaking.ts';
import { serve } from './serve.ts';

const program = new Command();
program
  .name('polaris')
  .description(
    'Polaris — information system of competitiveness poles and clusters.\nDatabase: DATABASE_URL (PostgreSQL) or the embedded PGlite folder POLARIS_DATA_DIR (default ./data).',
  )
  .version(VERSION);

let exitCode = 0;
// biome-ignore lint/suspicious/noExplicitAny: commander passes untyped positional arguments.
type AnyArgs = any[];
/** Wrap an action so its returned number becomes the exit code. */
function run<A extends AnyArgs>(fn: (...args: A) => Promise<number | undefined | undefined>) {
  return async (...args: A) => {
    exitCode = (await fn(...args)) ?? 0;
  };
}

program
  .command('serve')
  .description('serve the web app and the API (loads the demo data set on an empty database)')
  .option('-p, --port <port>', 'port (PORT)', process.env.PORT ?? '3000')
  .option('--host <host>', 'address to listen on (HOST)', process.env.HOST ?? '127.0.0.1')
  .option('--no-demo', 'do not load the demo data on an empty database')
  .option('--dev', 'development mode (same as serve; run `vite` for the web app)')
  .action(async (o: { port: string; host: string; demo: boolean }) => {
    await serve({ port: Number(o.port), host: o.host, demo: o.demo && process.env.POLARIS_NO_DEMO !== '1' });
  });

program
  .command('migrate')
  .description('apply the database migrations')
  .action(
    run(async () => {
      const h = await openForCommand('migrate');
      await h.close();
      process.stdout.write('migrations applied\n');
      return 0;
    }),
  );

program
  .command('demo')
  .description(
    'load the generated Walloon demo data set (6 poles, 7 clusters, ~1,200 organisations) into an empty database',
  )
  .option('--seed <n>', 'random seed', '2006')
  .option('--organisations <n>', 'number of organisations', '1200')
  .action(
    run(async (o: { seed: string; organisations: string }) => {
      const h = await openForCommand('demo');
      try {
        if (!(await isEmpty(h.db))) {
          process.stderr.write(
            'polaris demo: the database is not empty; the demo loads only into an empty database.\n',
          );
          return 1;
        }
        const s = await loadDemo(h.db, {
          seed: Number(o.seed),
          organisations: Number(o.organisations),
          log: (m) => process.stdout.write(`${m}\n`),
        });
        process.stdout.write(`demo accounts: ${s.accounts.join(', ')} (passwords in the README)\n`);
        return 0;
      } finally {
        await h.close();
      }
    }),
  );

const imp = program.command('import').description('import data files');
imp
  .command('organisations <file>')
  .description(
    'import a member list (CSV comma/semicolon, UTF-8 or Windows-1252, or XLSX; French or English headers). All-or-nothing unless --keep-valid.',
  )
  .option('--network <slug>', 'make every row a member of this network')
  .option('--dry-run', 'check and report, write nothing')
  .option('--keep-valid', 'write the valid rows and report the others')
  .option('--json', 'print the report as JSON')
  .action(
    run((file: string, o: { network?: string; dryRun?: boolean; keepValid?: boolean; json?: boolean }) =>
      importOrganisationsCommand(file, o),
    ),
  );
imp
  .command('nace <file>')
  .description(
    'import the NACE-BEL 2008 code list (CSV: code, parent, label_fr, label_nl, label_de, label_en)',
  )
  .action(run((file: string) => importReferenceCommand('nace', file, {})));
imp
  .command('municipalities <file>')
  .description(
    'import Belgian municipalities (CSV: NIS_code, municipality_FR, municipality_NL, province_FR, region_FR, inhabitants, zip)',
  )
  .action(run((file: string) => importReferenceCommand('municipalities', file, {})));
imp
  .command('boundaries <file>')
  .description('import boundaries from a GeoJSON FeatureCollection (property nis)')
  .addOption(
    new Option(
      '--level <level>',
      'province, arrondissement or municipality (guessed from the properties otherwise)',
    ).choices(['province', 'arrondissement', 'municipality']),
  )
  .action(
    run((file: string, o: { level?: 'province' | 'municipality' | 'arrondissement' }) =>
      importReferenceCommand('boundaries', file, o),
    ),
  );

imp
  .command('projects <file>')
  .description(
    'import historical projects and consortia (CSV/XLSX, one row per partner: acronyme, titre, type, statut, réseaux, début, fin, partenaire, numéro d’entreprise, rôle, budget, financement demandé/accordé, emplois promis/créés…); all-or-nothing',
  )
  .option('--dry-run', 'check the file and report, write nothing')
  .option('--json', 'print the report as JSON')
  .action(run((file: string, o: { dryRun?: boolean; json?: boolean }) => importProjectsCommand(file, o)));

imp
  .command('cordis <file>')
  .description(
    'import EU projects from a CORDIS participation file (rcn, role, pic, type, contribution, country, start_date, end_date, …) as external projects; all-or-nothing, idempotent',
  )
  .option('--dry-run', 'check the file and report, write nothing')
  .option('--programme <name>', 'programme tag used in acronyms', 'H2020')
  .option('--json', 'print the report as JSON')
  .action(
    run((file: string, o: { dryRun?: boolean; programme?: string; json?: boolean }) =>
      importCordisCommand(file, o),
    ),
  );

imp
  .command('panel <file>')
  .description(
    "import the firm-year panel of the impact observatory (CSV/XLSX/Parquet: numéro d'entreprise, année, ETP, valeur ajoutée, chiffre d'affaires, exportations, NACE, commune[, année de traitement]); streamed, all-or-nothing; a firm-year already stored is replaced",
  )
  .option('--dry-run', 'check the file and report, write nothing')
  .option('--source <name>', 'where the data comes from (e.g. BNB, ONSS), kept with the import')
  .option('--json', 'print the report as JSON')
  .action(
    run((file: string, o: { dryRun?: boolean; json?: boolean; source?: string }) =>
      importPanelCommand(file, o),
    ),
  );

const exp = program.command('export').description('export lists');
exp
  .command('organisations')
  .description('export organisations (CSV for Belgian Excel, or XLSX) to standard output or --out')
  .addOption(new Option('--format <format>', 'csv or xlsx').choices(['csv', 'xlsx']).default('csv'))
  .option('--out <file>', 'write to a file instead of standard output')
  .option('--network <slug>', 'only the members of this network')
  .option('--as-of <date>', 'membership date (YYYY-MM-DD)')
  .action(
    run((o: { format: 'csv' | 'xlsx'; out?: string; network?: string; asOf?: string }) =>
      exportOrganisationsCommand(o),
    ),
  );

// graph metrics: a standalone analyst tool on edge-list files; it never opens the database
program.addCommand(graphCommand(run));

// matchmaking evaluate: offline evaluation of partner recommendation (a CORDIS file, or the stored projects)
program.addCommand(matchmakingCommand(run));
program.addCommand(impactCommand(run));

const users = program.command('users').description('manage accounts');
users
  .command('add <email>')
  .description('create an account (the first one: --admin). Password from --password or POLARIS_PASSWORD.')
  .option('--admin', 'administrator')
  .option('--manager <slugs>', 'network manager of these networks (comma-separated slugs)')
  .option('--member <ids>', 'member of these organisations (comma-separated ids)')
  .option('--name <name>', 'display name')
  .option('--password <password>', 'password (at least 10 characters)')
  .action(
    run(
      async (
        email: string,
        o: { admin?: boolean; manager?: string; member?: string; name?: string; password?: string },
      ) => {
        const password = o.password ?? process.env.POLARIS_PASSWORD;
        if (!password) {
          process.stderr.write('polaris users add: give a password with --password or POLARIS_PASSWORD\n');
          return 2;
        }
        const h = await openForCommand('users');
        try {
          const { id } = await createUser(h.db, {
            email,
            password,
            displayName: o.name,
            admin: o.admin,
            manages: o.manager
              ?.split(',')
              .map((s) => s.trim())
              .filter(Boolean),
            memberOf: o.member
              ?.split(',')
              .map((s) => Number(s.trim()))
              .filter((n) => Number.isInteger(n)),
          });
          process.stdout.write(`user #${id} ${email} created${o.admin ? ' (admin)' : ''}\n`);
          return 0;
        } finally {
          await h.close();
        }
      },
    ),
  );

try {
  await program.parseAsync(process.argv);
  if (exitCode !== 0) process.exitCode = exitCode;
} catch (e) {
  if (e instanceof PolarisError) {
    process.stderr.write(`polaris: ${e.message}\n`);
    for (const d of e.details.slice(0, 50)) process.stderr.write(`  ✗ ${d.path}: ${d.message}\n`);
  } else {
    process.stderr.write(`polaris: ${(e as Error).message}\n`);
  }
  process.exitCode = 1;
}

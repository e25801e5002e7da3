#!/usr/bin/env node
/**
 * `polyvalence`: the one command-line entry point (serve, seed, report, export, codebook, evidence, estimate, backup, restore).
 * Each subcommand lives in its own module under cli/commands/.
 */
import { pathToFileURL } from 'node:url';
import { realpathSync } from 'node:fs';
import { UsageError } from './args.js';

export const USAGE = `polyvalence <commande> [options]

Commandes :
  serve     [--db FILE] [--port 3000] [--host 127.0.0.1] [--demo] [--trust-proxy]
            Démarre le serveur de collecte (SQLite par défaut, PostgreSQL avec DATABASE_URL).
            --demo : base data/demo.sqlite et campagne « demo » remplie de réponses synthétiques.
            --trust-proxy : croire les en-têtes X-Forwarded-* du proxy inverse (TLS).
  seed      --db FILE [--n 2000] [--seed 20261123] [--campaign demo]
            Remplit une base de répondant·es synthétiques (questionnaire polyvalence).
  report    --db FILE | --data FILE.csv --out DIR [--campaign ID] [--lang fr|en] [--format html,pdf,png,csv,xlsx]
            [--margins MARGES.csv] [--departement CODE]
            Écrit le rapport national d'une campagne dans DIR : index.html, report.pdf, figures/*.png,
            tables/*.csv et *.xlsx (--format : lesquels ; tous par défaut). --data : un export CSV
            des réponses au lieu de la base. --campaign obligatoire quand la base en contient plusieurs.
            --margins : effectifs de population (dept_code,population) au lieu de ceux de la campagne.
            --departement : la fiche d'un département (code 59D, ou son numéro 59) au lieu du rapport national.
  export    --db FILE --campaign ID [--out FILE] [--anonymised]
            Exporte les réponses d'une campagne en CSV (UTF-8).
            --anonymised : microdonnées anonymisées (k-anonymat, sans textes libres), --out obligatoire,
            rapport d'anonymisation écrit à côté (FILE.anonymisation-report.json).
  codebook  [--format csv|json] [--out FILE]
            Écrit le dictionnaire des variables du questionnaire polyvalence.
  evidence  --db FILE [--campaign ID] | --data FILE.csv [--margins MARGES.csv] [--lang fr|en] [--json]
            Indicateurs de chaque proposition ANAS pondérés aux effectifs de population (ceux de la
            campagne, ou --margins), IC 95 %, valeur non pondérée, test urbain − rural ; --json : aussi
            par territoire, département et profession, sous le secret statistique de la campagne.
  estimate  --data FILE.csv --var NOM [--by NOM [--groups A,B]] [--strata NOM --fpc NOM | --weights NOM]
            [--rake MARGES.csv]... [--ci logit|beta|wilson] [--test chisq|ttest]
            [--na NA,-99] [--min-group 10] [--min-cell 5] [--lang fr|en] [--json]
            Estimations selon le plan de sondage (erreur-type, IC 95 %, tests) d'une variable de
            n'importe quel CSV ; parts des catégories, ou moyenne d'une colonne numérique.
  backup    --db FILE --out SAUVEGARDE.sqlite [--force]
            Sauvegarde cohérente d'une base SQLite, même pendant que le serveur écrit.
  restore   --from SAUVEGARDE.sqlite --db FILE [--force]
            Remplace une base SQLite par une sauvegarde vérifiée (jamais une base ouverte par un serveur ;
            --force pour remplacer une base existante).

Base : --db FILE (SQLite) ; sans --db, DATABASE_URL=postgres://… choisit PostgreSQL pour toutes les commandes.
Options communes : --help`;

// Loaded on demand: `codebook` need not load the server, nor `seed` load Vega.
const COMMANDS: Record<string, (argv: string[]) => Promise<void>> = {
  serve: async (argv) => (await import('./commands/serve.js')).serveCommand(argv),
  seed: async (argv) => (await import('./commands/seed.js')).seedCommand(argv),
  report: async (argv) => (await import('./commands/report.js')).reportCommand(argv),
  export: async (argv) => (await import('./commands/export.js')).exportCommand(argv),
  codebook: async (argv) => (await import('./commands/codebook.js')).codebookCommand(argv),
  evidence: async (argv) => (await import('./commands/evidence.js')).evidenceCommand(argv),
  estimate: async (argv) => (await import('./commands/estimate.js')).estimateCommand(argv),
  backup: async (argv) => (await import('./commands/backup.js')).backupCommand(argv),
  restore: async (argv) => (await import('./commands/backup.js')).restoreCommand(argv),
};

/**
 * Runs the CLI.
 * @returns The process exit code: 0 on success, 2 on a usage error, 1 on any other failure.
 */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(USAGE);
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    console.error(`polyvalence: commande inconnue « ${name} » (unknown command)\n\n${USAGE}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(USAGE);
    return 0;
  }
  try {
    await command(rest);
    return 0;
  } catch (err) {
    if (err instanceof UsageError) {
      console.error(`polyvalence ${name}: ${err.message}\n\n${USAGE}`);
      return 2;
    }
    console.error(`polyvalence ${name}: ${(err as Error).message}`);
    return 1;
  }
}

function isEntryPoint(): boolean {
  if (!process.argv[1]) return false;
  try {
    return import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href;
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  main(process.argv.slice(2)).then((code) => {
    // `serve` keeps running: only set the code, let open handles decide when to exit.
    process.exitCode = code;
  });
}

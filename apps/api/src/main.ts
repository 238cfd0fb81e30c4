/**
 * `npm start`: the API on the embedded database (or DATABASE_URL), seeded with a demo area on
 * first start, printing the URL, the docs URL and demo tokens.
 */
import 'reflect-metadata';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConfigError, loadConfig, type AppConfig } from './app/config/app-config';
import { createApp } from './configure-app';
import { demoTokens, formatDemoTokens, lifetimeInWords } from './demo-tokens';
import { seedDemo } from './seed/demo-seed';

function readConfig(): AppConfig {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`Configuration error: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

async function main(): Promise<void> {
  const config = readConfig();
  if (config.databaseUrl === undefined) mkdirSync(resolve(config.dataDir), { recursive: true });
  // abortOnError: false lets a start-up failure reach the catch below, which says it in one line.
  const app = await createApp({ config }, { abortOnError: false });
  if (config.seedDemo) {
    const seeded = await seedDemo(app);
    if (seeded.skipped) console.warn(`No demo cases seeded: ${seeded.skipped} (SEED_DEMO=false leaves the seed out).`);
  }
  await app.listen({ port: config.port, host: config.host });
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  const url = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`;
  const lines = [
    '',
    `Tacú API listening on ${url}`,
    `  API docs (OpenAPI UI): ${url}/docs   (document: ${url}/docs/openapi.json)`,
    `  Health:                ${url}/health`,
    `  Pages: ${url}/app${config.pages.demoSignIn ? ' (on this demo, sign in as any demo person)' : config.pages.oidc ? ' (sign in with the identity provider)' : ''}`,
    `  Database:              ${config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `embedded PGlite in ${resolve(config.dataDir)}`}`,
  ];
  if (!config.databaseUrl) {
    // What the embedded mode promises, said where it is chosen (README "The embedded database").
    lines.push(
      '                         this process only (a second process on this folder refuses to start);',
      '                         every acknowledged change is synced to disk (fsync) before it is answered.',
      '                         For several processes, replicas or backups while running, use a PostgreSQL server (DATABASE_URL).',
    );
  }
  if (config.token.kind === 'secret') {
    if (config.token.isDevSecret) {
      lines.push(
        '',
        '  !!! WARNING: TOKEN_SECRET is not set: tokens are signed with the built-in DEVELOPMENT secret.',
        '  !!! Anyone can mint tokens for this server. Set TOKEN_SECRET (32+ characters) or JWKS_URL before real use.',
      );
    }
    lines.push('', `Demo bearer tokens (valid ${lifetimeInWords(config.token.maxLifetimeSeconds)}; \`npm run tokens\` prints new ones):`, formatDemoTokens(await demoTokens(config)));
  } else {
    lines.push('  Tokens: verified against JWKS_URL.');
  }
  process.stdout.write(`${lines.join('\n')}\n\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`Tacú API failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});

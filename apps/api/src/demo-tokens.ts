/**
 * `npm run tokens`: prints a bearer token for each demo user, signed with TOKEN_SECRET (or the
 * development secret). main.ts prints the same list when it starts.
 */
import { signToken } from '@tacu/auth';
import { loadConfig, type AppConfig } from './app/config/app-config';
import { DEMO_USERS, demoActor } from './seed/demo-people';

export interface DemoToken {
  userId: string;
  role: string;
  name: string;
  description: string;
  token: string;
}

/** A token for each demo user, valid for the longest lifetime the service allows (1 hour by default). */
export async function demoTokens(config: AppConfig, expiresIn: string | number = `${config.token.maxLifetimeSeconds}s`): Promise<DemoToken[]> {
  if (config.token.kind !== 'secret') return [];
  const { secret, issuer, audience } = config.token;
  return Promise.all(
    DEMO_USERS.map(async (user) => ({
      userId: user.id,
      role: user.role,
      name: user.displayName,
      description: user.description,
      token: await signToken(demoActor(user.id), { secret, issuer, audience, expiresIn }),
    })),
  );
}

/** "1 hour", "30 minutes": how long a demo token is valid, for the start-up message. */
export function lifetimeInWords(seconds: number): string {
  if (seconds % 3600 === 0) return `${seconds / 3600} hour${seconds === 3600 ? '' : 's'}`;
  if (seconds % 60 === 0) return `${seconds / 60} minute${seconds === 60 ? '' : 's'}`;
  return `${seconds} seconds`;
}

export function formatDemoTokens(tokens: readonly DemoToken[]): string {
  return tokens.map((t) => `  ${t.role} ${t.userId} (${t.name}, ${t.description})\n    ${t.token}`).join('\n');
}

async function main(): Promise<void> {
  const config = loadConfig();
  if (config.token.kind !== 'secret') {
    process.stderr.write('JWKS_URL is set: tokens come from your identity provider, so there are no demo tokens to print.\n');
    process.exitCode = 1;
    return;
  }
  process.stdout.write(`Demo bearer tokens (valid ${lifetimeInWords(config.token.maxLifetimeSeconds)}), for "Authorization: Bearer <token>":\n${formatDemoTokens(await demoTokens(config))}\n`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}

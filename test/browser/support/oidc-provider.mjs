// A real OpenID Connect provider for the browser tests (panva's oidc-provider, the certified
// implementation), run as a plain Node process: it is ESM and brings Koa, which Jest would have to
// transform. Its development login page accepts any name; the accounts below give the claims.
//
//   node test/browser/support/oidc-provider.mjs <redirect uri>   → prints "issuer <url>" when ready
import { createServer } from 'node:http';
import Provider from 'oidc-provider';

const redirectUri = process.argv[2];
if (!redirectUri) throw new Error('usage: oidc-provider.mjs <redirect uri>');

/** The people the provider knows: two of the demo's, and one this service has no account for. */
const ACCOUNTS = {
  'u-lp-0001': { name: 'Aoife Byrne', tacu_role: 'leadPractitioner', tacu_area: 'dublin-south-central' },
  'u-coord-0001': { name: 'Deirdre Walsh', tacu_role: 'coordinator', tacu_area: 'dublin-south-central' },
  'u-stranger': { name: 'Someone Else', tacu_role: 'leadPractitioner', tacu_area: 'dublin-south-central' },
};

const server = createServer();
server.listen(0, '127.0.0.1', () => {
  const issuer = `http://127.0.0.1:${server.address().port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: 'tacu',
        client_secret: 'tacu-test-client-secret-0123456789',
        redirect_uris: [redirectUri],
        // Sign-out ends the provider's session too, and comes back to the service's signed-out page.
        post_logout_redirect_uris: [new URL('/app/signed-out', redirectUri).href],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    // The role and area come with the profile; the service asks UserInfo when the ID token lacks them.
    claims: { openid: ['sub'], profile: ['name', 'tacu_role', 'tacu_area'] },
    findAccount: async (_ctx, id) => ({
      accountId: id,
      claims: async () => ({ sub: id, ...(ACCOUNTS[id] ?? {}) }),
    }),
    pkce: { required: () => true },
    features: { devInteractions: { enabled: true } },
    cookies: { keys: ['test-cookie-key-0123456789abcdef'] },
  });
  // Quiet: the test reads only the line below.
  provider.on('server_error', (_ctx, error) => process.stderr.write(`server_error ${error}\n`));
  server.on('request', provider.callback());
  process.stdout.write(`issuer ${issuer}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));

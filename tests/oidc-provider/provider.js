// A real OpenID Connect provider (oidc-provider, a certified implementation) on a loopback port, for Kairos's single
// sign-on tests. It prints "listening <issuer>" once ready, and exits when its standard input closes, so a test run
// that dies leaves no provider behind.
//
// The client "kairos" is registered as a native application: for those the provider accepts a loopback redirect URI
// on any port (RFC 8252), which lets each test start Kairos on a random port. Users and their groups are below; the
// login page checks the password, and consent is given on the user's behalf.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import Provider from 'oidc-provider';

export const clientId = 'kairos';
export const clientSecret = 'kairos-test-client-secret';
export const password = 'provider password 1';

const accounts = {
  kim: { name: 'Kim Operator', groups: ['kairos-operators', 'team-settlement', 'team-fx'] },
  lee: { name: 'Lee Marketing', groups: ['marketing'] },
  park: { name: 'Park Admin', groups: ['kairos-admins', 'kairos-operators'] },
};

const server = createServer();
await new Promise(resolve => server.listen(0, '127.0.0.1', resolve));
const issuer = `http://127.0.0.1:${server.address().port}`;

const signingKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });
const provider = new Provider(issuer, {
  clients: [{
    client_id: clientId,
    client_secret: clientSecret,
    application_type: 'native',
    redirect_uris: ['http://127.0.0.1/api/auth/sso/callback'],
    post_logout_redirect_uris: ['http://127.0.0.1/'],
    grant_types: ['authorization_code'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_post',
  }],
  claims: { openid: ['sub'], profile: ['preferred_username', 'name'], groups: ['groups'] },
  async findAccount(_ctx, id) {
    const account = accounts[id];
    return account && { accountId: id, claims: () => ({ sub: id, preferred_username: id, name: account.name, groups: account.groups }) };
  },
  interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
  features: { devInteractions: { enabled: false } },
  cookies: { keys: [randomBytes(32).toString('hex')] },
  jwks: { keys: [{ ...signingKey, kid: 'test', use: 'sig', alg: 'RS256' }] },
  pkce: { required: () => true },
});

const page = (uid, error) => `<!doctype html><html><head><meta charset="utf-8"><title>Test provider sign-in</title></head><body>
<h1>Test provider</h1>${error ? `<p id="error">${error}</p>` : ''}
<form method="post" action="/interaction/${uid}/login">
<label>User <input name="username" autocomplete="username" required></label>
<label>Password <input name="password" type="password" autocomplete="current-password" required></label>
<button type="submit" id="sign-in">Sign in</button></form></body></html>`;

const readForm = async request => {
  let body = '';
  for await (const chunk of request) body += chunk;
  return new URLSearchParams(body);
};

async function interaction(request, response, uid, action) {
  const details = await provider.interactionDetails(request, response);
  if (details.uid !== uid) throw new Error('interaction mismatch');
  if (details.prompt.name === 'consent') {
    // The provider asks native clients for consent every time; Kairos is first party, so it is given here.
    const grant = new provider.Grant({ accountId: details.session.accountId, clientId: details.params.client_id });
    grant.addOIDCScope(details.params.scope);
    await provider.interactionFinished(request, response, { consent: { grantId: await grant.save() } }, { mergeWithLastSubmission: true });
    return;
  }
  if (action === undefined) {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page(uid));
    return;
  }
  const form = await readForm(request);
  const user = form.get('username') ?? '';
  if (!Object.hasOwn(accounts, user) || form.get('password') !== password) {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page(uid, 'Unknown user or wrong password.'));
    return;
  }
  await provider.interactionFinished(request, response, { login: { accountId: user } }, { mergeWithLastSubmission: false });
}

const handleProvider = provider.callback();
server.on('request', (request, response) => {
  const match = /^\/interaction\/([\w-]+)(?:\/(login))?$/.exec(new URL(request.url, issuer).pathname);
  if (!match) return handleProvider(request, response);
  interaction(request, response, match[1], match[2]).catch(error => {
    response.writeHead(400, { 'content-type': 'text/plain' }).end(String(error));
  });
});

process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
console.log(`listening ${issuer}`);

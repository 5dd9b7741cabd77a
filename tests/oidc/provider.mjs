// A real OpenID Connect provider for the sign-in tests: panva's oidc-provider (OpenID certified) with
// one client, a small login page of its own (username and the test password; pages without outside
// resources, so a browser test sees no failed loads) and accounts read from a JSON file at every sign-in,
// so a test can take a group away between two sign-ins.
//
// Environment: PORT, ISSUER (http://127.0.0.1:PORT), CLIENT_ID, CLIENT_SECRET, REDIRECT_URIS and
// POST_LOGOUT_REDIRECT_URIS (comma-separated), JWKS (the private signing keys as a JSON key set, so a test
// can also sign a token with the provider's own key), ACCOUNTS_FILE ({"kari": {"name": …, "email": …,
// "groups": […]}, …}) and PASSWORD (every account's). Started and stopped by tests/oidc_provider.py.
import { readFileSync } from 'node:fs';

import Provider from 'oidc-provider';

const env = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};
const list = (name) => env(name).split(',').filter(Boolean);

const readAccounts = () => JSON.parse(readFileSync(env('ACCOUNTS_FILE'), 'utf8'));

const escape = (text) => String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

// A page with nothing to load from elsewhere (no fonts, no favicon request).
const page = (title, body) => `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>${title}</title><link rel="icon" href="data:,"></head><body><main>${body}</main></body></html>`;

const loginForm = (uid, error) => page('Test provider sign-in', `<h1>Test provider sign-in</h1>
  ${error ? `<p role="alert">${escape(error)}</p>` : ''}
  <form method="post" action="/interaction/${uid}">
    <label for="login">Username</label> <input id="login" name="login" autocomplete="username" required>
    <label for="password">Password</label>
    <input id="password" name="password" type="password" autocomplete="current-password" required>
    <button type="submit">Sign in</button>
  </form>`);

const readForm = async (req) => {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
};

const provider = new Provider(env('ISSUER'), {
  clients: [{
    client_id: env('CLIENT_ID'),
    client_secret: env('CLIENT_SECRET'),
    redirect_uris: list('REDIRECT_URIS'),
    post_logout_redirect_uris: list('POST_LOGOUT_REDIRECT_URIS'),
    grant_types: ['authorization_code'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_post',
  }],
  jwks: JSON.parse(env('JWKS')),
  cookies: { keys: ['only-for-the-test-provider'] },
  // As in Entra ID, the ID token carries the person's claims (name, e-mail, groups) itself.
  conformIdTokenClaims: false,
  claims: {
    openid: ['sub'],
    email: ['email', 'email_verified'],
    profile: ['name', 'given_name', 'family_name', 'preferred_username', 'groups'],
  },
  features: {
    devInteractions: { enabled: false },
    rpInitiatedLogout: {
      enabled: true,
      async logoutSource(ctx, form) {
        ctx.body = page('Sign out', `<h1>Sign out of the test provider?</h1>${form}
          <button autofocus type="submit" form="op.logoutForm" value="yes" name="logout">Yes, sign me out</button>
          <button type="submit" form="op.logoutForm">No, stay signed in</button>`);
      },
      async postLogoutSuccessSource(ctx) {
        ctx.body = page('Signed out', '<h1>You are signed out of the test provider.</h1>');
      },
    },
  },
  interactions: {
    url(ctx, interaction) {
      return `/interaction/${interaction.uid}`;
    },
  },
  async renderError(ctx, out) {
    ctx.type = 'html';
    ctx.body = page('Error', `<h1>Error</h1><pre>${escape(JSON.stringify(out, null, 2))}</pre>`);
  },
  async findAccount(ctx, id) {
    const account = readAccounts()[id];
    if (!account) return undefined;
    return {
      accountId: id,
      async claims() {
        return { sub: id, email_verified: true, preferred_username: id, ...account };
      },
    };
  },
  // The application is the municipality's own: no consent screen after the login page.
  async loadExistingGrant(ctx) {
    const grantId = ctx.oidc.result?.consent?.grantId
      || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) return ctx.oidc.provider.Grant.find(grantId);
    const grant = new ctx.oidc.provider.Grant({
      clientId: ctx.oidc.client.clientId,
      accountId: ctx.oidc.session.accountId,
    });
    grant.addOIDCScope('openid email profile');
    await grant.save();
    return grant;
  },
});

// The login interaction: a username from the accounts file and the test password.
provider.use(async (ctx, next) => {
  const match = ctx.path.match(/^\/interaction\/([\w-]+)$/);
  if (!match) return next();
  const details = await provider.interactionDetails(ctx.req, ctx.res);
  ctx.set('Cache-Control', 'no-store');
  if (ctx.method === 'GET') {
    ctx.type = 'html';
    ctx.body = loginForm(details.uid);
    return undefined;
  }
  if (ctx.method !== 'POST') return next();
  const form = await readForm(ctx.req);
  const login = form.get('login') || '';
  if (!readAccounts()[login] || form.get('password') !== env('PASSWORD')) {
    ctx.type = 'html';
    ctx.status = 400;
    ctx.body = loginForm(details.uid, 'Wrong username or password.');
    return undefined;
  }
  ctx.respond = false;
  await provider.interactionFinished(ctx.req, ctx.res, { login: { accountId: login } }, {
    mergeWithLastSubmission: false,
  });
  return undefined;
});

// Why a request failed, in the provider's log (tests/oidc_provider.py keeps it beside the accounts file).
for (const event of ['server_error', 'authorization.error', 'end_session.error', 'grant.error']) {
  provider.on(event, (ctx, error) => console.error(event, error.message, error.error_detail || ''));
}

// The application under test listens on a port chosen when the test starts: a registered address on a
// loopback host matches whatever its port (as RFC 8252 allows native clients), never another host or path.
const anyLoopbackPort = (allowed) => function allows(value) {
  if (allowed.call(this, value)) return true;
  const url = URL.canParse(value) ? new URL(value) : null;
  if (!url || !['127.0.0.1', 'localhost'].includes(url.hostname)) return false;
  url.port = '';
  return allowed.call(this, url.href);
};
const { prototype } = provider.Client;
prototype.redirectUriAllowed = anyLoopbackPort(prototype.redirectUriAllowed);
prototype.postLogoutRedirectUriAllowed = anyLoopbackPort(prototype.postLogoutRedirectUriAllowed);

const port = Number(env('PORT'));
provider.listen(port, '127.0.0.1', () => {
  console.log(`oidc-provider ${env('ISSUER')} listening`);
});

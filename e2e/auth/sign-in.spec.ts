import { E2E } from '../support/e2e-stack';
import { allowHttpErrors, expect, screenshot, test } from '../support/fixtures';

test.describe('sign-in and sign-out', () => {
  test('the icon browsers ask for by themselves is served without sign-in', async ({ page }) => {
    // Chromium asks for /favicon.ico when the page's icon link is not there yet; a 404 there is a console error.
    const res = await page.request.get('/favicon.ico', { maxRedirects: 0 });
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toMatch(/^image\//);
    expect([...(await res.body()).subarray(0, 4)]).toEqual([0, 0, 1, 0]); // an ICO file
  });

  test('a page asks for sign-in, brings the administrator back, and sign-out ends the session for good', async ({ page, context, consoleErrors, baseURL }) => {
    await page.goto('/replicas?sort=lagSeconds&order=desc');
    await expect(page).toHaveURL(/\/login\?next=%2Freplicas%3Fsort%3DlagSeconds%26order%3Ddesc$/);
    await expect(page.getByRole('heading', { name: 'Sign in to Carbonio HA' })).toBeVisible();

    await page.getByLabel('E-mail').fill(E2E.admin.email);
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('form', { name: 'Sign in' }).getByRole('alert')).toContainText('Wrong e-mail or password');
    await screenshot(page, 'auth-sign-in-wrong-password');

    await page.getByLabel('Password').fill(E2E.admin.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(/\/replicas\?sort=lagSeconds&order=desc$/);
    await expect(page.getByTestId('current-user')).toHaveText(E2E.admin.email);

    const [cookie] = (await context.cookies()).filter((c) => c.name === 'carbonio_ha_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/', secure: false });
    expect(cookie.expires * 1000).toBeGreaterThan(Date.now() + 7 * 3600_000);
    expect(await page.evaluate(() => document.cookie)).not.toContain('carbonio_ha_session');
    // Neither the token nor a password hash ever comes back in an answer.
    for (const path of ['/api/auth/session', '/api/audit?action=auth.login']) {
      const text = await (await page.request.get(path)).text();
      expect(text).not.toContain(cookie.value);
      expect(text).not.toMatch(/scrypt\$|passwordHash|e2e-admin-password/);
    }

    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(/\/login$/);
    await page.goto('/');
    await expect(page).toHaveURL(/\/login$/);
    // The old token is dead on the server, not only forgotten by the browser.
    const replay = await page.request.get(`${baseURL}/api/overview`, { headers: { cookie: `carbonio_ha_session=${cookie.value}` } });
    expect(replay.status()).toBe(401);
    await screenshot(page, 'auth-signed-out');
    allowHttpErrors(consoleErrors, 401);
  });

  test('repeated failures are slowed, then locked (429 with Retry-After), and the form says so', async ({ page, consoleErrors, baseURL }) => {
    const origin = new URL(baseURL!).origin;
    const intruder = `intruder-${Date.now()}@example.com`;
    const attempt = async () => {
      const t0 = Date.now();
      const res = await page.request.post('/api/auth/login', { data: { email: intruder, password: 'guess' }, headers: { origin } });
      return { status: res.status(), ms: Date.now() - t0, retryAfter: res.headers()['retry-after'] };
    };
    const results = [];
    for (let i = 0; i < 6; i++) results.push(await attempt());
    expect(results.map((r) => r.status)).toEqual([401, 401, 401, 401, 429, 429]);
    expect(results[3].ms).toBeGreaterThan(500);
    expect(results[4].ms).toBeGreaterThan(1000);
    expect(Number(results[5].retryAfter)).toBeGreaterThan(800);

    await page.goto('/login');
    await page.getByLabel('E-mail').fill(intruder);
    await page.getByLabel('Password').fill('guess-again');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('form', { name: 'Sign in' }).getByRole('alert')).toContainText('Sign-in locked for a while');
    await expect(page.getByRole('form', { name: 'Sign in' }).getByRole('alert')).toContainText('Too many failed sign-ins');
    await screenshot(page, 'auth-locked');
    allowHttpErrors(consoleErrors, 429);
  });
});

// Shared by the Playwright config, the server launcher and the tests.
export const PORT = Number.parseInt(process.env.E2E_PORT ?? '18080', 10);
export const BASE_URL = `http://127.0.0.1:${PORT}`;
export const ADMIN_EMAIL = 'admin@e2e.miyabi.test';
export const ADMIN_PASSWORD = 'e2e admin password, long enough';
// The server's output, also kept here so a test can read what it logged (a password-reset link, the
// zero-setup way of "mailing" it).
export const SERVER_LOG = process.env.E2E_SERVER_LOG ?? `${process.env.TMPDIR ?? '/tmp'}/miyabi-e2e-${PORT}.log`;

// Shared by the Playwright config, the server launcher and the tests.
export const PORT = Number.parseInt(process.env.E2E_PORT ?? '18080', 10);
export const BASE_URL = `http://127.0.0.1:${PORT}`;
export const ADMIN_EMAIL = 'admin@e2e.miyabi.test';
export const ADMIN_PASSWORD = 'e2e admin password, long enough';

/// <reference types="vitest/config" />
import { fileURLToPath, URL } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// `npm run dev` serves the UI on :5173 and forwards API, WebSocket and JWKS calls to a running
// server (MIYABI_SERVER, default http://localhost:8080), so the browser sees one origin as in production.
const server = process.env.MIYABI_SERVER ?? 'http://localhost:8080';

export default defineConfig({
  plugins: [react()],
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
  },
  server: {
    proxy: {
      '/api': { target: server, changeOrigin: true },
      '/.well-known': { target: server, changeOrigin: true },
      '/ws': { target: server, changeOrigin: true, ws: true },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    // The server's CSP allows no inline script: keep every script an external file.
    assetsInlineLimit: 0,
  },
  test: {
    environment: 'jsdom',
    globals: true,
    setupFiles: ['./src/testing/setup-tests.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    restoreMocks: true,
    unstubGlobals: true,
    // Quiet in CI (Maven sets CI=true): a dot per test, and console output only of tests that fail.
    reporters: process.env.CI ? ['dot'] : ['default'],
    silent: 'passed-only',
    // The build machines are shared: a render that waits for a busy CPU is slow, not broken.
    testTimeout: 15_000,
    // Line coverage of the UI's code, printed by `npm test` (the build's Vitest run); the build
    // fails below the threshold. The HTML report lands in coverage/.
    coverage: {
      enabled: true,
      provider: 'v8',
      include: ['src/**/*.{ts,tsx}'],
      exclude: ['src/**/*.test.{ts,tsx}', 'src/testing/**', 'src/api/schema.d.ts', 'src/**/*.d.ts'],
      reporter: ['text-summary', 'json-summary', 'html'],
      thresholds: { lines: 70 },
      reportOnFailure: true,
    },
  },
});

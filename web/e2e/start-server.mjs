// Starts the server jar for the browser tests, as a user would run it: embedded PostgreSQL in a
// fresh temporary MIYABI_HOME, the demo catalog, and a known admin account. Removes the home
// directory when the server stops (Playwright sends SIGTERM at the end of the run).
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ADMIN_EMAIL, ADMIN_PASSWORD, PORT, SERVER_LOG } from './settings.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const jar = process.env.E2E_SERVER_JAR ?? path.resolve(here, '../../server/target/miyabi-server.jar');
if (!existsSync(jar)) {
    console.error(`No server jar at ${jar}. Build it first (./mvnw -DskipTests package) or set E2E_SERVER_JAR.`);
    process.exit(2);
}
// JAVA_HOME (Maven passes its own JDK), else a JDK 25 where run.sh looks for one, else `java`.
const javaHome = [process.env.JAVA_HOME, '/usr/lib/jvm/temurin-25-jdk-amd64', '/usr/lib/jvm/java-25-openjdk-amd64'].find(
    (candidate) => candidate && existsSync(path.join(candidate, 'bin', 'java')),
);
const java = javaHome ? path.join(javaHome, 'bin', 'java') : 'java';
const home = mkdtempSync(path.join(tmpdir(), 'miyabi-e2e-'));

const env = { ...process.env };
// Never point the browser tests at a configured database: they get their own embedded one.
for (const name of Object.keys(env)) {
    if (name.startsWith('MIYABI_DATABASE_') || name.startsWith('SPRING_DATASOURCE_')) {
        delete env[name];
    }
}
Object.assign(env, {
    PORT: String(PORT),
    MIYABI_HOME: home,
    MIYABI_ADMIN_EMAIL: ADMIN_EMAIL,
    MIYABI_ADMIN_PASSWORD: ADMIN_PASSWORD,
    MIYABI_DEMO_ENABLED: 'true',
    // Every spec signs up from 127.0.0.1.
    MIYABI_AUTH_REGISTRATIONS_PER_ADDRESS: '1000',
});

// The output goes to the console as before and to SERVER_LOG, where specs read logged reset links.
const log = createWriteStream(SERVER_LOG, { flags: 'w' });
const server = spawn(java, ['-Xmx512m', '-jar', jar], { stdio: ['ignore', 'pipe', 'pipe'], env });
for (const stream of [server.stdout, server.stderr]) {
    stream.on('data', (chunk) => {
        process.stdout.write(chunk);
        log.write(chunk);
    });
}
let stopping = false;
const stop = (signal) => {
    if (!stopping) {
        stopping = true;
        server.kill(signal);
    }
};
process.on('SIGTERM', () => stop('SIGTERM'));
process.on('SIGINT', () => stop('SIGTERM'));
server.on('exit', (code, signal) => {
    rmSync(home, { recursive: true, force: true });
    process.exit(stopping ? 0 : (code ?? (signal ? 1 : 0)));
});

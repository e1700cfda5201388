/**
 * The in-JVM fault suite: the application on real PostgreSQL, driven over HTTP, while a provider it
 * depends on misbehaves (an OpenAI-compatible server that stalls or fails one request in five, a Stripe
 * that stalls) or a client retries 50 times at once. Each test prints one {@code FAULT <scenario>: ...}
 * line with what it counted (jobs, payments, charges, events; lost, duplicated). The process-level
 * faults (kill -9, a PostgreSQL outage) are the {@code faults} Maven module's.
 */
package dev.miyabi.platform.faults;

/**
 * Delivery of Spring Modulith's event publications while the instances run: {@link
 * dev.miyabi.platform.shared.events.EventRedelivery} hands failed and abandoned publications to their
 * listener again, one instance at a time, with backoff.
 */
@NullMarked
package dev.miyabi.platform.shared.events;

import org.jspecify.annotations.NullMarked;

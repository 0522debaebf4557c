/**
 * The live event stream of the API ({@code /api/v1/events}, server-sent events): operations
 * progress, health changes and shard map versions, as the console sees them in process.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Events")
package io.switchboard.controlplane.events;

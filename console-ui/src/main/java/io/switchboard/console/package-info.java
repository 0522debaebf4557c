/**
 * The Switchboard operations console (Vaadin Flow). Views reach the control plane only through the
 * interfaces of {@code control-plane-api}, implemented in-process by the control plane; live
 * updates arrive through {@link io.switchboard.api.topology.TopologyEvents} and are pushed to the
 * browser (server push over WebSocket).
 */
package io.switchboard.console;

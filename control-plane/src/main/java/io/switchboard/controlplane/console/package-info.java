/**
 * Console wiring: makes the Vaadin views of the {@code console-ui} module part of this application.
 * The views themselves talk to the control plane only through control-plane-api.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Console")
package io.switchboard.controlplane.console;

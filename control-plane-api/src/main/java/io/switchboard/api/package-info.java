/**
 * The control plane's REST contract (version 1): plain records and {@code @HttpExchange}
 * interfaces. The console calls these interfaces in-process; the CLI calls the same interfaces over
 * HTTP. Nothing here may depend on the control plane's internals.
 */
package io.switchboard.api;

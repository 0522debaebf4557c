/**
 * Switchboard's command-line client: a Spring Shell application that calls the control plane over
 * HTTP through the {@code control-plane-api} interfaces. Feature packages: {@code status}, {@code
 * auth}; shared: {@code connection}, {@code settings}, {@code output}, {@code exit}, {@code shell}.
 */
package io.switchboard.cli;

/**
 * Which control plane a command talks to and with which token ({@code --url}, {@code --token},
 * environment, saved login), and the HTTP clients of the {@code control-plane-api} contract that
 * turn every failure into a {@link io.switchboard.cli.exit.CliFailure} with the right exit status.
 */
package io.switchboard.cli.connection;

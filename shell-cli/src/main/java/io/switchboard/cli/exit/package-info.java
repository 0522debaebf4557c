/**
 * How the CLI ends: the exit status contract ({@link io.switchboard.cli.exit.ExitStatus}), the one
 * exception type commands throw ({@link io.switchboard.cli.exit.CliFailure}), and the Spring Shell
 * hooks that report every failure on standard error and turn it into the process exit status.
 */
package io.switchboard.cli.exit;

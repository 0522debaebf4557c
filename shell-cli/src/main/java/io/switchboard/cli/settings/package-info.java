/**
 * Where the CLI's settings come from: environment variables, the configuration directory and the
 * credentials saved by {@code login}.
 */
package io.switchboard.cli.settings;

/** The {@code status} and {@code dc list} commands: data centres, nodes and their health. */
package io.switchboard.cli.status;

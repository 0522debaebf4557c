/** The {@code status} command: data centres, nodes and their health. */
package io.switchboard.cli.status;

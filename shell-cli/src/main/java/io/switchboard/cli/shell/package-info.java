/**
 * How Spring Shell reads the command line: program arguments reach commands verbatim, and the
 * interactive prompt names the tool.
 */
package io.switchboard.cli.shell;

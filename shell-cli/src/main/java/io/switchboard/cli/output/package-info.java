/** How results are printed: output formats, aligned text tables and JSON. */
package io.switchboard.cli.output;

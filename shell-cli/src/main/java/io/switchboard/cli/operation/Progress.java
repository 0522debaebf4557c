package io.switchboard.cli.operation;

import io.switchboard.api.operation.OperationView;

/** What the user sees while an operation is watched. */
interface Progress {

  /** Nothing while watching: for JSON output and for standard output that is not a terminal. */
  Progress SILENT =
      new Progress() {
        @Override
        public void update(OperationView operation) {}

        @Override
        public void end() {}
      };

  /** Shows the operation as just polled. */
  void update(OperationView operation);

  /** Watching is over: leaves the output ready for the final result. */
  void end();
}

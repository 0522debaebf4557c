-- The named moments a step passed (a failover's promote step: fenced, elected, promoted,
-- notified), for drill timelines: name=instant pairs joined by commas (StepMarks); NULL for none.
ALTER TABLE operation_step ADD COLUMN marks VARCHAR;

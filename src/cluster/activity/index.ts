export { ActivityLog, type ActivityListener } from './activity-log.js';
export type { ActivityFilter, ActivityOutcome, ActivityRecord, ActivityStatement } from './activity-record.js';
export type { ActivitySlot, RecordedConnection, RecordedParameters, StatementResolver, StatementVariables } from './activity-slot.js';

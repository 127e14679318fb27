export { describe, type ClusterDescription, type DescribeResult } from './describe.js';
export { schemaScript, tableSchemaScript } from './schema-script.js';

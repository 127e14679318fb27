export { describe, type ClusterDescription, type DescribeResult } from './describe.js';
export { schemaScript } from './schema-script.js';

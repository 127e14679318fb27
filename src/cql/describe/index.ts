export { describe, type ClusterDescription, type DescribeResult } from './describe.js';

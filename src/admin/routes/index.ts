import type { AdminRoute } from '../route.js';
import { activityRoutes } from './activity.js';
import { cleanupRoutes } from './cleanup.js';
import { clockRoutes } from './clock.js';
import { clusterRoutes } from './cluster.js';
import { filterRoutes } from './filters.js';
import { metricsRoutes } from './metrics.js';
import { networkRoutes } from './network.js';
import { nodeLifecycleRoutes } from './node-lifecycle.js';
import { nodeRoutes } from './nodes.js';
import { openApiRoutes } from './openapi.js';
import { primeRoutes } from './primes.js';
import { replicaRoutes } from './replicas.js';
import { repairRoutes } from './repair.js';
import { schemaRoutes } from './schema.js';
import { testControlRoutes } from './test-controls.js';
import { tlsRoutes } from './tls.js';
import { tracingRoutes } from './tracing.js';

/**
 * Every route of the admin API, one file per resource. A new resource is a new file here and one line
 * in this list: the server registers it, validates its input and lists it in the OpenAPI document.
 */
export const ADMIN_ROUTES: readonly AdminRoute[] = [
  ...clusterRoutes,
  ...nodeRoutes,
  ...nodeLifecycleRoutes,
  ...networkRoutes,
  ...filterRoutes,
  ...repairRoutes,
  ...cleanupRoutes,
  ...clockRoutes,
  ...tracingRoutes,
  ...testControlRoutes,
  ...activityRoutes,
  ...primeRoutes,
  ...replicaRoutes,
  ...schemaRoutes,
  ...metricsRoutes,
  ...tlsRoutes,
  ...openApiRoutes,
];

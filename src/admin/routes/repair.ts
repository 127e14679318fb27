import { notFound } from '../admin-error.js';
import { repairView } from '../result-views.js';
import { route, type AdminRoute } from '../route.js';
import { object, REPAIR_RESULT } from '../schemas.js';

interface RepairBody {
  readonly keyspace?: string;
  readonly depth?: number;
}

/** nodetool repair: full anti-entropy repair, Merkle trees compared range by range. */
export const repairRoutes: readonly AdminRoute[] = [
  route<unknown, unknown, RepairBody | undefined>({
    method: 'POST', url: '/repair', tag: 'repair', summary: 'Repairs one keyspace, or every replicated one: every replica of every range converges',
    body: object({
      keyspace: { type: 'string', minLength: 1, description: 'default: every replicated keyspace' },
      depth: { type: 'integer', minimum: 0, maximum: 20, description: 'Merkle tree depth (2^depth leaves per range)' },
    }),
    response: REPAIR_RESULT, errors: [404, 409],
    handle: async ({ cluster, operations }, { body }) => {
      const keyspace = body?.keyspace;
      if (keyspace !== undefined && cluster.schema.keyspace(keyspace) === undefined) throw notFound(`Keyspace ${keyspace} does not exist`);
      return repairView(await operations.repair(keyspace, body?.depth === undefined ? {} : { depth: body.depth }));
    },
  }),
];

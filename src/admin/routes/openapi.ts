import { route, type AdminRoute } from '../route.js';

/** The API's own description. */
export const openApiRoutes: readonly AdminRoute[] = [
  route({
    method: 'GET', url: '/openapi.json', tag: 'openapi', summary: 'This OpenAPI 3.1 document',
    response: { type: 'object', description: 'an OpenAPI 3.1 document' },
    handle: ({ openApi }) => openApi(),
  }),
];

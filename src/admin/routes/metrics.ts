import { route, TextResponse, type AdminRoute } from '../route.js';

const PROMETHEUS_TEXT = 'text/plain; version=0.0.4; charset=utf-8';

/** Prometheus' scrape target. */
export const metricsRoutes: readonly AdminRoute[] = [
  route({
    method: 'GET', url: '/metrics', tag: 'metrics',
    summary: "Prometheus metrics: each node's requests, coordinator latencies, messages, hints, connections, data; the process'",
    response: { type: 'string', description: 'the Prometheus text exposition format 0.0.4' }, produces: PROMETHEUS_TEXT,
    handle: async ({ metricsText }) => new TextResponse(PROMETHEUS_TEXT, await metricsText()),
  }),
];

export type { RestCall, RouteHandler } from './context.js';
export { ROUTES, findRoute, handleRest, matchTemplate } from './router.js';
export type { Route } from './router.js';

import type { ConsoleRoute } from '../../lib/routes';

export const countyRoutes: ConsoleRoute[] = [];

import type { ConsoleRoute } from '../../lib/routes';

export const cityRoutes: ConsoleRoute[] = [];

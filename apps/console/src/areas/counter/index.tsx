import type { ConsoleRoute } from '../../lib/routes';

export const counterRoutes: ConsoleRoute[] = [];

import type { ConsoleRoute } from '../../lib/routes';

export const adminRoutes: ConsoleRoute[] = [];

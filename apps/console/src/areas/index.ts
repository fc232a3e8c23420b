import type { ConsoleRoute } from '../lib/routes';
import { adminRoutes } from './admin';
import { cityRoutes } from './city';
import { catalogRoutes } from './city/catalog-routes';
import { countyRoutes } from './county';
import { counterRoutes } from './counter';

/** Every page of the console; the shell shows each to the tiers and roles it names. */
export const ROUTES: ConsoleRoute[] = [...counterRoutes, ...countyRoutes, ...cityRoutes, ...catalogRoutes, ...adminRoutes];

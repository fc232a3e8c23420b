import type { Scenario } from '../support/scenario.js';
import { backbone } from './backbone.js';
import { catalog } from './catalog.js';
import { catchup } from './catchup.js';
import { cluster } from './cluster.js';
import { limits } from './limits.js';
import { monitor } from './monitor.js';
import { resources } from './resources.js';
import { routing } from './routing.js';
import { startup } from './startup.js';

/** In the order they run: the limits first (the denominators), the resources last (they gather the others' samples). */
export const SCENARIOS: Scenario[] = [limits, backbone, routing, catchup, catalog, monitor, cluster, startup, resources];

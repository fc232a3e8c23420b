/** The origin of the unified catalog's items; a county's own items have that county's code as origin. */
export const CITY_ORIGIN = 'city';

/** How an origin is shown to the public: the unified catalog, or a county's own items. */
export const originLabel = (origin: string): 'city' | 'county' => (origin === CITY_ORIGIN ? 'city' : 'county');

import type { CalendarYearFile } from '../types.js';
import { CALENDAR_2025 } from './2025.js';
import { CALENDAR_2026 } from './2026.js';
import { CALENDAR_2027 } from './2027.js';

export { CALENDAR_2025, CALENDAR_2026, CALENDAR_2027 };

/** The year files bundled with this release; `WorkingCalendar.official()` is built from them. */
export const OFFICIAL_YEARS: readonly CalendarYearFile[] = [CALENDAR_2025, CALENDAR_2026, CALENDAR_2027];

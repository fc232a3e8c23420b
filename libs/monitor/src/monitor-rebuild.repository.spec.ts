import { onBuild, statisticsOnBuild } from './monitor-rebuild.repository.js';

describe('indexes copied to the build', () => {
  it('keeps the live index name, columns and predicate, on the build table, built concurrently', () => {
    const live = `CREATE INDEX monitor_case_red_due_idx ON public.monitor_case USING btree (COALESCE(due_on, 'infinity'::date), case_number) WHERE (live AND (light = 'red'::text))`;
    expect(onBuild(live, 'monitor_case')).toBe(
      `CREATE INDEX CONCURRENTLY IF NOT EXISTS monitor_case_red_due_idx ON monitor_build.monitor_case USING btree (COALESCE(due_on, 'infinity'::date), case_number) WHERE (live AND (light = 'red'::text))`,
    );
  });

  it('refuses a definition it does not recognise rather than build something else', () => {
    expect(() => onBuild('CREATE UNIQUE INDEX x ON public.monitor_case USING btree (a)', 'monitor_case')).toThrow(/cannot rebuild/);
  });
});

describe('statistics copied to the build', () => {
  it('keeps the name, kinds and columns, in the build schema on the build table', () => {
    const live = 'CREATE STATISTICS public.monitor_case_live_status_light_stats (mcv) ON live, status, light FROM monitor_case';
    expect(statisticsOnBuild(live, 'monitor_case')).toBe('CREATE STATISTICS monitor_build.monitor_case_live_status_light_stats (mcv) ON live, status, light FROM monitor_build.monitor_case');
  });
});

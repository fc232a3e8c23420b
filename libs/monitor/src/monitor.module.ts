import { Module } from '@nestjs/common';
import { MonitorRebuildRepository } from './monitor-rebuild.repository.js';
import { MonitorRepository } from './monitor.repository.js';

/**
 * The city monitor's storage: every case in the network as one row, counts and trends kept exact by
 * deltas, and the lists the city coordinator reads. The event wiring, the light sweeper, the
 * rebuild command and the HTTP API use these repositories.
 */
@Module({
  providers: [MonitorRepository, MonitorRebuildRepository],
  exports: [MonitorRepository, MonitorRebuildRepository],
})
export class MonitorModule {}

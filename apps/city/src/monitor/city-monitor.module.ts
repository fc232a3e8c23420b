import { Module } from '@nestjs/common';
import { CaseServiceModule } from '#libs/case-service';
import { MONITOR_MIGRATIONS, MonitorModule } from '#libs/monitor';
import { SupervisionModule } from '#libs/supervision';
import { EventLogModule } from '../event-log/event-log.module.js';
import { MonitorController } from './monitor.controller.js';
import { MonitorProjectionService } from './monitor-projection.service.js';
import { MonitorRebuildService } from './monitor-rebuild.service.js';

export const CITY_MONITOR_MIGRATIONS = MONITOR_MIGRATIONS;

/** The city monitor: kept by every case change the city sees, read by its coordinators, rebuilt from Kafka on demand. */
@Module({
  imports: [MonitorModule, CaseServiceModule, SupervisionModule, EventLogModule],
  controllers: [MonitorController],
  providers: [MonitorProjectionService, MonitorRebuildService],
})
export class CityMonitorModule {}

import { Module } from '@nestjs/common';
import { LinkLogReader } from './link-log.reader.js';

/** The network's event log read again at the city: the monitor's rebuild, the assessment's recomputation. */
@Module({ providers: [LinkLogReader], exports: [LinkLogReader] })
export class EventLogModule {}

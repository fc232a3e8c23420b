import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/**
 * Whom a staff member stands in for (AB岗), for features that let a backup act for an absent
 * colleague. Read from the staff_backup table that the staff feature owns.
 */
@Injectable()
export class BackupLookup {
  constructor(private readonly ds: DataSource) {}

  /** The ids of the staff members whose backup `staffId` is, in any role. */
  async backedUpBy(staffId: string): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.ds.query(`select distinct staff_id::text as id from staff_backup where backup_staff_id = $1::uuid`, [staffId]);
    return rows.map((r) => r.id);
  }
}

import { ApiPropertyOptional } from '@nestjs/swagger';

/** Documentation shape of a county's settings for one city item; validated by the catalog rules. */
export class SetImplementationDoc {
  @ApiPropertyOptional({ description: '承诺办结时限 { days, unit: "working-day", note? } — never above the legal limit' })
  committedTimeLimit?: { days: number; unit: 'working-day'; note?: string };

  @ApiPropertyOptional({ description: '办理地点' })
  place?: string;

  @ApiPropertyOptional({ description: '办理时间' })
  hours?: string;

  @ApiPropertyOptional({ description: '咨询电话' })
  enquiryPhone?: string;

  @ApiPropertyOptional({ description: '监督投诉电话' })
  complaintPhone?: string;

  @ApiPropertyOptional({ description: '本地备注' })
  notes?: string;
}

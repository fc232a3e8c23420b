import { PageQuery } from '#libs/node-kit';
import { IsIn, IsOptional } from 'class-validator';

export class ListDeadLettersQuery extends PageQuery {
  @IsOptional()
  @IsIn(['parked', 'replayed', 'discarded'])
  status?: 'parked' | 'replayed' | 'discarded';

}

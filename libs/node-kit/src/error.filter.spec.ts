import { BadRequestException, NotFoundException, type ArgumentsHost } from '@nestjs/common';
import { pino } from 'pino';
import { QueryFailedError } from 'typeorm';
import { NotFoundError } from '#libs/domain';
import { ErrorFilter } from './error.filter.js';

function run(exception: unknown): { status: number; body: Record<string, unknown> } {
  const out = { status: 0, body: {} as Record<string, unknown> };
  const res = {
    status(code: number) {
      out.status = code;
      return this;
    },
    json(body: Record<string, unknown>) {
      out.body = body;
    },
  };
  const host = { switchToHttp: () => ({ getResponse: () => res }) } as unknown as ArgumentsHost;
  new ErrorFilter(pino({ level: 'silent' })).catch(exception, host);
  return out;
}

describe('ErrorFilter', () => {
  it('answers a database error with a plain 500: no SQL, no parameters, no stack trace', () => {
    const sql = 'insert into staff (id, id_number) values ($1, $2)';
    const err = new QueryFailedError(sql, ['x', '11010519491231002X'], new Error('duplicate key value violates unique constraint "staff_id_number_idx"'));
    const { status, body } = run(err);
    const text = JSON.stringify(body);
    expect(status).toBe(500);
    expect(body).toEqual({ code: 'INTERNAL_ERROR', message: '系统内部错误，请稍后重试', messageEn: 'Internal error; try again later' });
    for (const leak of ['insert into', 'staff_id_number_idx', '11010519491231002X', 'at ', '.ts:']) expect(text).not.toContain(leak);
  });

  it('answers any other unexpected error the same way, without its message or stack', () => {
    const { status, body } = run(new TypeError("Cannot read properties of undefined (reading 'roles')"));
    expect(status).toBe(500);
    expect(JSON.stringify(body)).not.toContain('roles');
    expect(body).not.toHaveProperty('stack');
  });

  it('maps a domain error to its status and code, zh-CN first with English', () => {
    const { status, body } = run(new NotFoundError('未找到工作人员', 'staff member not found'));
    expect(status).toBe(404);
    expect(body).toEqual({ code: 'NOT_FOUND', message: '未找到工作人员', messageEn: 'staff member not found' });
  });

  it('passes through a body that already carries a code (the validation pipe\'s)', () => {
    const body = { code: 'VALIDATION_FAILED', message: '输入有误', messageEn: 'invalid', errors: [] };
    expect(run(new BadRequestException(body))).toEqual({ status: 400, body });
  });

  it('gives a framework 404 a readable body', () => {
    expect(run(new NotFoundException('Cannot GET /nowhere'))).toEqual({ status: 404, body: { code: 'NOT_FOUND', message: '未找到', messageEn: 'Not found' } });
  });
});

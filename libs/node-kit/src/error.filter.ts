import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, HttpStatus } from '@nestjs/common';
import type { Response } from 'express';
import type { Logger } from 'pino';
import { DomainError } from '#libs/domain';

const GENERIC: Record<number, [string, string, string]> = {
  400: ['BAD_REQUEST', '请求有误', 'Bad request'],
  401: ['UNAUTHENTICATED', '请先登录', 'Sign in first'],
  403: ['FORBIDDEN', '无权执行此操作', 'You are not allowed to do this'],
  404: ['NOT_FOUND', '未找到', 'Not found'],
  413: ['PAYLOAD_TOO_LARGE', '请求内容过大', 'The request body is too large'],
  429: ['TOO_MANY_REQUESTS', '请求过于频繁，请稍后再试', 'Too many requests; try again later'],
};

/**
 * One place that turns errors into HTTP answers a person can read: domain errors by their code,
 * framework errors by status, and anything else as a 500 with no stack trace or SQL in the body.
 */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  constructor(private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    if (exception instanceof DomainError) {
      res.status(exception.status).json({ code: exception.code, message: exception.messageZh, messageEn: exception.messageEn, ...(exception.details ?? {}) });
      return;
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      if (typeof body === 'object' && body !== null && 'code' in body) {
        res.status(status).json(body);
        return;
      }
      const [code, zh, en] = GENERIC[status] ?? ['HTTP_ERROR', '请求失败', exception.message];
      res.status(status).json({ code, message: zh, messageEn: status === 404 ? en : (exception.message ?? en) });
      return;
    }
    this.logger.error({ err: exception }, 'unhandled error');
    res.status(HttpStatus.INTERNAL_SERVER_ERROR).json({ code: 'INTERNAL_ERROR', message: '系统内部错误，请稍后重试', messageEn: 'Internal error; try again later' });
  }
}

import { type CanActivate, type ExecutionContext, HttpException, HttpStatus, Injectable } from '@nestjs/common';
import type { Request } from 'express';

/**
 * Only `application/json` bodies pass (415 otherwise): a browser form can post form-encoded or text
 * bodies to another site without a preflight, so a JSON-only endpoint cannot be driven by one.
 */
@Injectable()
export class JsonBodyGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<Request>();
    if (req.is('application/json')) return true;
    const got = (req.headers['content-type'] ?? 'none').slice(0, 100);
    throw new HttpException(
      {
        code: 'UNSUPPORTED_MEDIA_TYPE',
        message: `请求内容必须是 JSON（Content-Type: application/json），收到的是 ${got}`,
        messageEn: `The request body must be JSON (Content-Type: application/json); got ${got}`,
      },
      HttpStatus.UNSUPPORTED_MEDIA_TYPE,
    );
  }
}

import { Injectable, type OnModuleInit } from '@nestjs/common';
import { NodeContext } from '#libs/node-kit';
import { type AccessClaims, deriveNodeKey, signAccessToken, verifyAccessToken } from './tokens.js';

/** Signs and checks this node's access tokens with the node's own derived key. */
@Injectable()
export class TokenService implements OnModuleInit {
  private readonly key: Uint8Array;

  constructor(private readonly ctx: NodeContext) {
    this.key = deriveNodeKey(ctx.env.authSecret, ctx.code);
  }

  onModuleInit(): void {
    if (!this.ctx.env.TONGBAN_AUTH_SECRET) {
      this.ctx.logger.warn({ component: 'identity' }, 'TONGBAN_DEMO=1 without TONGBAN_AUTH_SECRET: tokens are signed with the public demo secret; anyone can forge them. Never run real work like this.');
    }
  }

  get accessTtlSeconds(): number {
    return this.ctx.env.TONGBAN_ACCESS_TOKEN_TTL_SECONDS;
  }

  issueAccess(claims: AccessClaims): Promise<{ token: string; expiresAt: Date }> {
    return signAccessToken(this.key, claims, this.accessTtlSeconds);
  }

  verifyAccess(token: string): Promise<AccessClaims> {
    return verifyAccessToken(this.key, this.ctx.code, token);
  }
}

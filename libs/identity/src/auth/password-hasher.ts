import { Injectable } from '@nestjs/common';
import { argon2id, hash, needsRehash, verify } from 'argon2';

/** OWASP's minimum for argon2id (19 MiB, 2 passes, 1 lane): tens of milliseconds here, and light on memory under a burst of sign-ins. */
const PARAMS = { type: argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

/** Passwords are stored only as argon2id hashes (PHC strings carrying their own salt and parameters). */
@Injectable()
export class PasswordHasher {
  /** A hash of nothing anyone knows, verified against for unknown logins so they take as long as known ones. */
  private readonly decoy = hash(`decoy-${Math.random()}`, PARAMS);

  hash(password: string): Promise<string> {
    return hash(password, PARAMS);
  }

  async verify(storedHash: string, password: string): Promise<boolean> {
    try {
      return await verify(storedHash, password);
    } catch {
      return false;
    }
  }

  async verifyDecoy(password: string): Promise<false> {
    await verify(await this.decoy, password).catch(() => false);
    return false;
  }

  needsRehash(storedHash: string): boolean {
    return needsRehash(storedHash, PARAMS);
  }
}

import { Inject, Injectable } from '@nestjs/common';
import argon2 from 'argon2';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import type { PasswordHashCost } from './password-cost.js';

export function hashPassword(password: string, cost: PasswordHashCost): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id, memoryCost: cost.memoryKib, timeCost: cost.timeCost, parallelism: cost.parallelism });
}

/** False for a wrong password and for anything that is not an argon2 hash (an account without a password). */
export function verifyPassword(hash: string, password: string): Promise<boolean> {
  return argon2.verify(hash, password).catch(() => false);
}

/** Staff passwords at the configured cost. */
@Injectable()
export class Passwords {
  // Verifying unknown usernames against this keeps them as slow as wrong passwords.
  private dummyHash?: Promise<string>;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  hash(password: string): Promise<string> {
    return hashPassword(password, this.config.passwordHashCost);
  }

  /** Checks `password` against `hash`, or against a dummy hash of the same cost when there is no account. */
  async verify(hash: string | undefined, password: string): Promise<boolean> {
    this.dummyHash ??= this.hash('not-a-real-password');
    return verifyPassword(hash ?? (await this.dummyHash), password);
  }
}

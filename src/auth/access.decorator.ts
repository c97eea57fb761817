import { SetMetadata } from '@nestjs/common';
import type { Role } from './roles.js';

export const ACCESS_KEY = 'civicloop:access';
/** Who may call an operation. Every query and mutation declares one (deny by default). */
export type AccessRule = { public: true } | { public: false; roles: readonly Role[] };

/** Anyone, signed in or not. */
export const Public = () => SetMetadata(ACCESS_KEY, { public: true } satisfies AccessRule);
/** Signed-in callers holding any of these roles. Finer checks (own item, own unit) live in services. */
export const Allow = (...roles: Role[]) => SetMetadata(ACCESS_KEY, { public: false, roles } satisfies AccessRule);

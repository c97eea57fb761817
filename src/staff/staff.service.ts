import { Inject, Injectable } from '@nestjs/common';
import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import { Passwords, verifyPassword } from '../auth/passwords.js';
import { DataSource, type EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { AccountAccess } from '../auth/account-access.service.js';
import type { Actor } from '../auth/actor.js';
import type { SignedIn } from '../auth/auth.service.js';
import { LoginThrottle } from '../auth/login-throttle.js';
import type { StaffRole } from '../auth/roles.js';
import { TokenService } from '../auth/token.service.js';
import { Clock } from '../common/clock.js';
import { ConflictError, ForbiddenError, NotFoundError, UnauthenticatedError, ValidationError } from '../common/errors.js';
import { normalizePhone } from '../common/masking.js';
import { PiiCrypto } from '../common/pii-crypto.js';
import { RateLimits } from '../common/rate-limit/rate-limits.js';
import { isUniqueViolation } from '../database/db-errors.js';
import { Transactions } from '../database/transactions.js';
import { applyKeyset, countLater, toConnection, type ConnectionShape } from '../graphql/connection.js';
import { SMS_GATEWAY, type SmsGateway } from '../notifications/sms-gateway.js';
import { UnitEntity } from '../units/unit.entity.js';
import { StaffAuditEventEntity, type StaffAuditAction } from './staff-audit-event.entity.js';
import { StaffPasswordCodeEntity } from './staff-password-code.entity.js';
import { findStaffByUsername } from './staff-lookup.js';
import { listedUnit, mayGrant, mayManage, passwordProblem, selfChangeProblem, shapeProblem, type StaffManager } from './staff-rules.js';
import { StaffUserEntity } from './staff-user.entity.js';
import { canonicalUsername, isValidUsername } from './username.js';
import { msg } from '../common/i18n/message.js';

/** Onboarding codes live three days: long enough for a new colleague to read a text message. */
export const SET_PASSWORD_CODE_TTL_MS = 72 * 3600_000;
export const SET_PASSWORD_CODE_MAX_ATTEMPTS = 5;
// No 0/O, 1/I/L: read off a phone and typed by hand. 10 characters ≈ 49 bits.
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const CODE_LENGTH = 10;
/** Fails every argon2 check: an account waiting for its set-password code has no password yet. */
const NO_PASSWORD = '!no-password';

/**
 * Staff accounts: onboarding, roles and unit, deactivation, passwords. Every change is audited
 * in the same transaction and announced to AccountAccess after commit, so tokens follow it.
 */
@Injectable()
export class StaffService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: Transactions,
    private readonly clock: Clock,
    private readonly pii: PiiCrypto,
    private readonly access: AccountAccess,
    private readonly tokens: TokenService,
    private readonly throttle: LoginThrottle,
    private readonly rateLimits: RateLimits,
    private readonly passwords: Passwords,
    @Inject(SMS_GATEWAY) private readonly sms: SmsGateway,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async list(actor: Actor, args: { first: number; after?: string | null; unitId?: number | null; includeInactive?: boolean }): Promise<ConnectionShape<StaffUserEntity>> {
    const qb = this.dataSource.getRepository(StaffUserEntity).createQueryBuilder('s');
    // A unit admin sees their own unit only, whatever they ask for; a unit's handler none.
    const listed = listedUnit(actor, args.unitId);
    if (!listed) throw new ForbiddenError();
    const { unitId } = listed;
    if (unitId != null) qb.andWhere('s.unitId = :unitId', { unitId });
    if (!args.includeInactive) qb.andWhere('s.active = :active', { active: true });
    const total = countLater(qb);
    applyKeyset(qb, 's.id', 's.id', 'ASC', args.after);
    const rows = await qb.take(args.first + 1).getMany();
    return toConnection(rows, args.first, total, (s) => [s.id, s.id], (s) => s);
  }

  /**
   * A new account. Without `password` (the GraphQL operation) it has none until its owner
   * redeems the one-time code sent to `phone`; the demo seed and evaluator onboarding pass one.
   */
  async create(
    manager: StaffManager,
    input: { username: string; displayName: string; roles: StaffRole[]; unitId?: number | null; phone?: string | null },
    options: { password?: string; mayGrant?: (roles: readonly StaffRole[], unitId: number | null) => boolean } = {},
  ): Promise<{ staffUser: StaffUserEntity; codeSent: boolean }> {
    const username = canonicalUsername(input.username);
    if (!isValidUsername(username)) throw new ValidationError(msg('staff.usernameFormat'), 'username');
    const unitId = input.unitId ?? null;
    this.checkShape(input.roles, unitId);
    const grants = options.mayGrant ?? ((roles, unit) => mayGrant(manager, roles, unit));
    if (!grants(input.roles, unitId)) throw new ForbiddenError(msg('staff.mayNotGrant'));
    const phone = input.phone != null ? this.requirePhone(input.phone) : null;
    if (options.password === undefined && !phone) throw new ValidationError(msg('staff.phoneNeeded'), 'phone');
    if (options.password !== undefined) this.checkPassword(options.password, username);
    const passwordHash = options.password !== undefined ? await this.passwords.hash(options.password) : NO_PASSWORD;
    const now = this.clock.now();
    let code: string | null = null;
    const user = await this.tx
      .run(async (em) => {
        if (unitId != null) await this.requireUnit(em, unitId);
        if (await findStaffByUsername(em, username)) throw new ConflictError(msg('evaluator.usernameTaken', { username }), { field: 'username' });
        const row = {
          username,
          passwordHash,
          displayName: input.displayName.trim(),
          roles: input.roles,
          unitId,
          active: true,
          authzVersion: 1,
          phoneCiphertext: phone ? this.pii.encrypt(phone) : null,
          createdAt: now,
        };
        const inserted = await em.insert(StaffUserEntity, row);
        const created = { ...row, id: inserted.identifiers[0]!.id as number } as StaffUserEntity;
        await this.audit(em, manager, created.id, 'CREATED', { username, roles: created.roles, unitId, displayName: created.displayName });
        if (options.password === undefined) code = await this.issueCode(em, created.id);
        return created;
      })
      .catch((err: unknown) => {
        // MariaDB's collation also treats names equal that differ only by accents.
        if (isUniqueViolation(err)) throw new ConflictError(msg('evaluator.usernameTaken', { username }), { field: 'username' });
        throw err;
      });
    if (code) await this.sendCode(user, phone!, code);
    return { staffUser: user, codeSent: !!code };
  }

  async update(
    manager: StaffManager,
    input: { id: number; roles?: StaffRole[]; unitId?: number | null; displayName?: string; phone?: string },
  ): Promise<StaffUserEntity> {
    const phone = input.phone !== undefined ? this.requirePhone(input.phone) : undefined;
    const updated = await this.tx.run(async (em) => {
      const user = await this.requireManaged(em, manager, input.id);
      const roles = input.roles ?? user.roles;
      const unitId = input.unitId !== undefined ? input.unitId : user.unitId;
      this.checkShape(roles, unitId);
      if ((input.roles || input.unitId !== undefined) && !mayGrant(manager, roles, unitId)) throw new ForbiddenError(msg('staff.mayNotGrant'));
      this.refuseSelfChange(manager, user.id, { roles: input.roles });
      if (unitId != null && unitId !== user.unitId) await this.requireUnit(em, unitId);
      const changes: Partial<StaffUserEntity> = {};
      const details: Record<string, unknown> = {};
      if (input.roles && input.roles.join() !== user.roles.join()) {
        changes.roles = roles;
        details.roles = { from: user.roles, to: roles };
      }
      if (input.unitId !== undefined && unitId !== user.unitId) {
        changes.unitId = unitId;
        details.unitId = { from: user.unitId, to: unitId };
      }
      if (input.displayName !== undefined && input.displayName.trim() !== user.displayName) {
        changes.displayName = input.displayName.trim();
        details.displayName = { from: user.displayName, to: changes.displayName };
      }
      if (phone !== undefined) {
        changes.phoneCiphertext = this.pii.encrypt(phone);
        details.phone = 'changed';
      }
      if (Object.keys(changes).length === 0) return user;
      await em.update(StaffUserEntity, { id: user.id }, changes);
      await this.audit(em, manager, user.id, 'UPDATED', details);
      return { ...user, ...changes };
    });
    await this.access.changed('staff', updated.id);
    return updated;
  }

  /** Deactivating ends every session of the account at once; reactivating needs a new sign-in. */
  async setActive(manager: StaffManager, id: number, active: boolean, options: { mayManage?: (target: StaffUserEntity) => boolean } = {}): Promise<StaffUserEntity> {
    const updated = await this.tx.run(async (em) => {
      const user = await this.requireManaged(em, manager, id, options.mayManage);
      this.refuseSelfChange(manager, user.id, { active });
      if (user.active === active) return user;
      await this.changeEndingSessions(em, user.id, { active });
      await this.audit(em, manager, user.id, active ? 'ACTIVATED' : 'DEACTIVATED', {});
      return { ...user, active, authzVersion: user.authzVersion + 1 };
    });
    await this.access.changed('staff', updated.id);
    return updated;
  }

  /**
   * Ends the account's sessions and password and sends a fresh one-time code to its phone.
   * The code is never returned, logged or audited.
   */
  async resetPassword(manager: StaffManager, id: number): Promise<{ staffUser: StaffUserEntity; codeSent: boolean; expiresInSeconds: number }> {
    let code = '';
    const user = await this.tx.run(async (em) => {
      const target = await this.requireManaged(em, manager, id);
      if (!target.phoneCiphertext) throw new ValidationError(msg('staff.noPhone'), 'phone');
      await this.changeEndingSessions(em, target.id, { passwordHash: NO_PASSWORD });
      code = await this.issueCode(em, target.id);
      await this.audit(em, manager, target.id, 'PASSWORD_RESET', {});
      return target;
    });
    await this.access.changed('staff', user.id);
    await this.sendCode(user, this.pii.decrypt(user.phoneCiphertext!), code);
    return { staffUser: user, codeSent: true, expiresInSeconds: SET_PASSWORD_CODE_TTL_MS / 1000 };
  }

  /** The owner redeems a set-password code: the password is set and they are signed in. */
  async setPasswordWithCode(input: { username: string; code: string; newPassword: string }, address: string): Promise<SignedIn> {
    await this.rateLimits.consume('setPasswordCodePerIp', address);
    const refused = () => new UnauthenticatedError(msg('staff.codeRefused'));
    const user = await findStaffByUsername(this.dataSource.manager, input.username);
    if (!user || !user.active) throw refused();
    this.checkPassword(input.newPassword, user.username);
    const passwordHash = await this.passwords.hash(input.newPassword);
    const now = this.clock.now();
    // A wrong code must still spend a try, so the transaction returns false instead of throwing.
    const ok = await this.tx.run(async (em): Promise<boolean> => {
      const stored = await em.findOneBy(StaffPasswordCodeEntity, { staffId: user.id });
      if (!stored) return false;
      if (stored.expiresAt <= now) {
        await em.delete(StaffPasswordCodeEntity, { id: stored.id });
        return false;
      }
      const spent = await em
        .createQueryBuilder()
        .update(StaffPasswordCodeEntity)
        .set({ attempts: () => 'attempts + 1' })
        .where('id = :id AND attempts < :max', { id: stored.id, max: SET_PASSWORD_CODE_MAX_ATTEMPTS })
        .execute();
      if (!spent.affected) {
        await em.delete(StaffPasswordCodeEntity, { id: stored.id });
        return false;
      }
      if (!timingSafeEqual(Buffer.from(this.codeHash(user.id, input.code.trim().toUpperCase())), Buffer.from(stored.codeHash))) {
        if (stored.attempts + 1 >= SET_PASSWORD_CODE_MAX_ATTEMPTS) await em.delete(StaffPasswordCodeEntity, { id: stored.id });
        return false;
      }
      // Single use: of two requests with the right code, only the one that deletes it goes on.
      const used = await em.delete(StaffPasswordCodeEntity, { id: stored.id });
      if (!used.affected) return false;
      await this.changeEndingSessions(em, user.id, { passwordHash });
      await this.audit(em, null, user.id, 'PASSWORD_SET', {});
      return true;
    });
    if (!ok) throw refused();
    await this.access.changed('staff', user.id);
    // Redeeming the code proves the owner is at this address: others' failures will not hold them up here.
    await this.throttle.markKnown({ account: user.username, address });
    return this.signIn(user.id);
  }

  /** Other sessions end; this one continues with the returned token. */
  async changeMyPassword(actor: Actor, input: { currentPassword: string; newPassword: string }, address: string): Promise<SignedIn> {
    if (actor.kind !== 'staff') throw new ForbiddenError();
    const user = await this.dataSource.getRepository(StaffUserEntity).findOneBy({ id: actor.id });
    if (!user || !user.active) throw new UnauthenticatedError();
    // A stolen token must not become a way to guess the password: the sign-in waits apply.
    const verified = await this.throttle.guard({ account: user.username, address }, async () =>
      (await verifyPassword(user.passwordHash, input.currentPassword)) ? true : null,
    );
    if (!verified) throw new ValidationError(msg('staff.wrongCurrentPassword'), 'currentPassword');
    this.checkPassword(input.newPassword, user.username, 'newPassword');
    const passwordHash = await this.passwords.hash(input.newPassword);
    await this.tx.run(async (em) => {
      await this.changeEndingSessions(em, user.id, { passwordHash });
      await this.audit(em, actor, user.id, 'PASSWORD_CHANGED', {});
    });
    await this.access.changed('staff', user.id);
    return this.signIn(user.id);
  }

  /** A token for the account as it is now (its current authzVersion). */
  async signIn(staffId: number): Promise<SignedIn> {
    const user = await this.dataSource.getRepository(StaffUserEntity).findOneByOrFail({ id: staffId });
    const { token, expiresInSeconds } = this.tokens.issue({ kind: 'staff', id: user.id, authzVersion: user.authzVersion });
    return { accessToken: token, expiresInSeconds };
  }

  /**
   * The one way an account change that must end its sessions is written: bumping authzVersion
   * refuses every token issued before it (AccountAccess compares the two).
   */
  private async changeEndingSessions(em: EntityManager, id: number, changes: Partial<Pick<StaffUserEntity, 'active' | 'passwordHash'>>): Promise<void> {
    await em.createQueryBuilder().update(StaffUserEntity).set({ ...changes, authzVersion: () => 'authzVersion + 1' }).where('id = :id', { id }).execute();
  }

  private async requireManaged(em: EntityManager, manager: StaffManager, id: number, rule: (target: StaffUserEntity) => boolean = (t) => mayManage(manager, t)): Promise<StaffUserEntity> {
    const user = await em.findOneBy(StaffUserEntity, { id });
    if (!user) throw new NotFoundError('StaffUser', id);
    if (!rule(user)) throw new ForbiddenError(msg('staff.mayNotManage'));
    return user;
  }

  private async requireUnit(em: EntityManager, unitId: number): Promise<void> {
    const unit = await em.findOneBy(UnitEntity, { id: unitId });
    if (!unit) throw new NotFoundError('Unit', unitId);
    if (!unit.active) throw new ValidationError(msg('unit.inactive', { code: unit.code }), 'unitId');
  }

  private checkShape(roles: readonly StaffRole[], unitId: number | null): void {
    const problem = shapeProblem(roles, unitId);
    if (problem) throw new ValidationError(problem.message, problem.field);
  }

  private checkPassword(password: string, username: string, field = 'newPassword'): void {
    const problem = passwordProblem(password, username);
    if (problem) throw new ValidationError(problem, field);
  }

  private refuseSelfChange(manager: StaffManager, targetId: number, change: { roles?: readonly StaffRole[]; active?: boolean }): void {
    const problem = selfChangeProblem(manager, targetId, change);
    if (problem) throw new ForbiddenError(problem);
  }

  private requirePhone(input: string): string {
    const phone = normalizePhone(input);
    if (!phone) throw new ValidationError(msg('format.phone'), 'phone');
    return phone;
  }

  private async issueCode(em: EntityManager, staffId: number): Promise<string> {
    const code = Array.from({ length: CODE_LENGTH }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
    const now = this.clock.now();
    await em.delete(StaffPasswordCodeEntity, { staffId });
    await em.insert(StaffPasswordCodeEntity, { staffId, codeHash: this.codeHash(staffId, code), expiresAt: new Date(now.getTime() + SET_PASSWORD_CODE_TTL_MS), attempts: 0, createdAt: now });
    return code;
  }

  private async sendCode(user: StaffUserEntity, phone: string, code: string): Promise<void> {
    await this.sms.send({
      to: phone,
      template: 'STAFF_SET_PASSWORD',
      params: { code, username: user.username },
      eventKey: `staff-set-password:${user.id}:${this.clock.now().getTime()}`,
      text: `【你建言、我来办】${user.displayName}，您的工作账号 ${user.username} 的设置密码验证码为 ${code}，72小时内有效。请勿告诉他人。`,
    });
  }

  private codeHash(staffId: number, code: string): string {
    return createHmac('sha256', this.config.pii.hashKey).update(`staff-password:${staffId}:${code}`).digest('hex');
  }

  private async audit(em: EntityManager, manager: StaffManager | null, targetStaffId: number, action: StaffAuditAction, details: Record<string, unknown>): Promise<void> {
    await em.save(em.create(StaffAuditEventEntity, { action, actorStaffId: manager?.kind === 'staff' ? manager.id : null, targetStaffId, details, at: this.clock.now() }));
  }
}

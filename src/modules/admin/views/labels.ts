import type { Translate } from '../../../core/i18n/i18n.ts';
import type { Role } from '../../../core/permissions/permissions.ts';

export const roleLabel = (t: Translate, role: Role | string) => t(`admin.roles.name.${role}`);
export const levelLabel = (t: Translate, level: string) => t(`admin.levels.${level}`);

/** "Secretaría Distrital de Planeación (SDP)", or "Todas las entidades" for an unscoped role. */
export function entityLabel(t: Translate, entity: { entityCode: string | null; entityName?: string | null; entityAcronym?: string | null }): string {
  if (!entity.entityCode) return t('admin.roles.every_entity');
  return entity.entityName ? `${entity.entityName} (${entity.entityAcronym})` : entity.entityCode;
}

/** "Moderador · SDP" — a role and its entity in one short line. */
export function roleWithEntity(t: Translate, r: { role: Role; entityCode: string | null; entityAcronym?: string | null }): string {
  return r.entityCode ? `${roleLabel(t, r.role)} · ${r.entityAcronym ?? r.entityCode}` : roleLabel(t, r.role);
}

/** The state of an account: active, disabled or deleted. */
export function accountStatus(t: Translate, person: { disabledAt: Date | null; deletedAt: Date | null }): string {
  if (person.deletedAt) return t('admin.account.status.deleted');
  if (person.disabledAt) return t('admin.account.status.disabled');
  return t('admin.account.status.active');
}

/** Admin breadcrumbs start at Inicio › Administración. */
export const adminCrumbs = (t: Translate) => [
  { href: '/', label: t('nav.home') },
  { href: '/admin', label: t('admin.title') },
];

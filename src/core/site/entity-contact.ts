/**
 * The entity that runs the portal, shown in every footer (Resolución 1519 de 2020, Anexo 2 §2.2:
 * name, address, hours, phones, e-mails, notification mailbox, policies). An installation for
 * another city edits this file.
 */
export const ENTITY_CONTACT = {
  name: 'Secretaría General de la Alcaldía Mayor de Bogotá D.C.',
  address: 'Carrera 8 No. 10-65, Bogotá D.C., Colombia',
  postalCode: '111711',
  hours: { es: 'Lunes a viernes de 7:00 a.m. a 4:30 p.m.', en: 'Monday to Friday, 7:00 a.m. to 4:30 p.m.' },
  phones: [
    { label: { es: 'Conmutador', en: 'Switchboard' }, value: '(601) 381 3000', tel: '+576013813000' },
    { label: { es: 'Línea 195', en: 'Line 195' }, value: '195', tel: '195' },
  ],
  email: 'contactenos@alcaldiabogota.gov.co',
  judicialNotifications: 'notificacionesjudiciales@secretariageneral.gov.co',
  website: 'https://bogota.gov.co',
} as const;

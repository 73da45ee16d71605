import type { Locale } from '../i18n/i18n.ts';
import { ENTITY_CONTACT } from './entity-contact.ts';

export interface PolicySection {
  heading: string;
  paragraphs: string[];
}
export interface Policy {
  /** Version and date: consents record which version a person accepted. */
  version: string;
  updated: string;
  lead: string;
  sections: PolicySection[];
}

export const POLICY_SLUGS = { terminos: 'terms', privacidad: 'privacy', accesibilidad: 'accessibility' } as const;
export type PolicyName = (typeof POLICY_SLUGS)[keyof typeof POLICY_SLUGS];

const c = ENTITY_CONTACT;

/** Texts of the policies every GAB page links to (Resolución 1519 de 2020, Anexo 2 §2.3). */
export const POLICIES: Record<PolicyName, Record<Locale, Policy>> = {
  terms: {
    es: {
      version: '1.0',
      updated: '2026-11-28',
      lead: 'Estas condiciones rigen el uso del portal de Gobierno Abierto de Bogotá (GAB). Al usarlo usted las acepta.',
      sections: [
        { heading: 'Quién administra el portal', paragraphs: [`El portal es administrado por la ${c.name}, ${c.address}.`] },
        {
          heading: 'Uso aceptable',
          paragraphs: [
            'Usted puede consultar, descargar y reutilizar la información pública del portal. Los datos abiertos se publican con la licencia indicada en cada conjunto de datos.',
            'Al participar (propuestas, comentarios, votos, causas, peticiones) usted se compromete a no publicar contenido ilegal, discriminatorio, que incite a la violencia o que contenga datos personales de terceros. La moderación puede ocultar ese contenido indicando el motivo; nunca se borra lo que usted aportó sin dejar constancia.',
          ],
        },
        {
          heading: 'Cuentas y seguridad',
          paragraphs: [
            'Cada persona tiene una sola cuenta verificada. Usted es responsable de mantener su contraseña en reserva. Las acciones con efectos (votar, apoyar, radicar) quedan registradas en un registro de auditoría.',
          ],
        },
        {
          heading: 'Propiedad intelectual',
          paragraphs: ['Salvo indicación en contrario, los contenidos del portal se publican bajo licencia Creative Commons Atribución-CompartirIgual 4.0 (CC BY-SA 4.0). El software es libre (AGPL-3.0).'],
        },
        { heading: 'Contacto', paragraphs: [`Escriba a ${c.email} o llame a la Línea 195.`] },
      ],
    },
    en: {
      version: '1.0',
      updated: '2026-11-28',
      lead: 'These terms govern the use of the Bogotá Open Government (GAB) portal. By using it you accept them.',
      sections: [
        { heading: 'Who runs the portal', paragraphs: [`The portal is run by the ${c.name}, ${c.address}.`] },
        {
          heading: 'Acceptable use',
          paragraphs: [
            'You may consult, download and reuse the public information on the portal. Open data is published under the licence stated on each dataset.',
            'When you take part (proposals, comments, votes, causes, petitions) you agree not to publish illegal or discriminatory content, content inciting violence, or other people’s personal data. Moderation may hide such content with a stated reason; nothing you contributed is deleted without a record.',
          ],
        },
        { heading: 'Accounts and security', paragraphs: ['Each person has one verified account. Keep your password secret. Actions with effects (voting, supporting, filing) are recorded in an audit log.'] },
        { heading: 'Intellectual property', paragraphs: ['Unless stated otherwise, content is published under Creative Commons Attribution-ShareAlike 4.0 (CC BY-SA 4.0). The software is free (AGPL-3.0).'] },
        { heading: 'Contact', paragraphs: [`Write to ${c.email} or call Line 195.`] },
      ],
    },
  },
  privacy: {
    es: {
      version: '1.0',
      updated: '2026-11-28',
      lead: 'Política de tratamiento de datos personales conforme a la Ley 1581 de 2012 y el Decreto 1377 de 2013 (compilado en el Decreto 1074 de 2015).',
      sections: [
        { heading: 'Responsable del tratamiento', paragraphs: [`${c.name}. Dirección: ${c.address}. Correo: ${c.email}. Teléfono: ${c.phones[0].value}.`] },
        {
          heading: 'Finalidades',
          paragraphs: [
            'Registrar su cuenta y verificar su identidad y residencia para habilitar la participación (votos, apoyos, consultas) que exige ser ciudadano o residente de una localidad; responder sus peticiones dentro de los términos legales; enviarle las notificaciones que usted pidió; producir estadísticas anónimas.',
            'Los números de documento se guardan solo como un resumen criptográfico con clave (HMAC), de modo que no pueden leerse de la base de datos. Los votos secretos se guardan separados de la identidad de quien votó.',
          ],
        },
        {
          heading: 'Datos sensibles y de menores',
          paragraphs: [
            'Los datos de enfoque diferencial (género, pertenencia étnica, discapacidad, víctima del conflicto) son opcionales: usted no está obligado a responder. Se usan solo en estadísticas con un tamaño mínimo de grupo que impide identificar personas.',
            'Las personas de 14 a 17 años participan con el consentimiento registrado de su acudiente; se respeta su interés superior (artículo 7 de la Ley 1581).',
          ],
        },
        {
          heading: 'Sus derechos',
          paragraphs: [
            'Conocer, actualizar y rectificar sus datos; solicitar prueba de la autorización; ser informado del uso dado a sus datos; revocar la autorización y pedir la supresión; presentar quejas ante la Superintendencia de Industria y Comercio. Desde «Mis datos» puede descargar todos sus datos, revocar su consentimiento o eliminar su cuenta: sus aportes públicos se anonimizan, no se borran.',
          ],
        },
        { heading: 'Cómo ejercerlos', paragraphs: [`Escriba a ${c.email}. Las consultas se atienden en máximo 10 días hábiles y los reclamos en máximo 15 días hábiles.`] },
      ],
    },
    en: {
      version: '1.0',
      updated: '2026-11-28',
      lead: 'Personal data policy under Colombian Law 1581 of 2012 and Decree 1377 of 2013 (compiled in Decree 1074 of 2015).',
      sections: [
        { heading: 'Data controller', paragraphs: [`${c.name}. Address: ${c.address}. E-mail: ${c.email}. Phone: ${c.phones[0].value}.`] },
        {
          heading: 'Purposes',
          paragraphs: [
            'To register your account and verify your identity and residence so you can take part where citizenship or residence in a locality is required; to answer your petitions within legal terms; to send you the notifications you asked for; to produce anonymous statistics.',
            'Document numbers are stored only as a keyed cryptographic hash (HMAC) and cannot be read from the database. Secret ballots are stored apart from the identity of who voted.',
          ],
        },
        {
          heading: 'Sensitive data and minors',
          paragraphs: [
            'Differential-approach data (gender, ethnic group, disability, conflict victim) is optional. It is used only in statistics with a minimum group size so nobody can be identified.',
            'People aged 14 to 17 take part with their guardian’s recorded consent.',
          ],
        },
        {
          heading: 'Your rights',
          paragraphs: ['To know, update and correct your data; to ask for proof of consent; to be told how it is used; to revoke consent and ask for deletion; to complain to the Superintendencia de Industria y Comercio. From “My data” you can download all your data, revoke consent or delete your account: public contributions are anonymised, not deleted.'],
        },
        { heading: 'How to exercise them', paragraphs: [`Write to ${c.email}. Queries are answered within 10 business days and claims within 15 business days.`] },
      ],
    },
  },
  accessibility: {
    es: {
      version: '1.0',
      updated: '2026-11-28',
      lead: 'Este portal busca cumplir el nivel AA de las Pautas de Accesibilidad para el Contenido Web (WCAG) 2.1, como exige la Resolución 1519 de 2020 del MinTIC (Anexo 1).',
      sections: [
        {
          heading: 'Qué hacemos',
          paragraphs: [
            'Cada página funciona sin JavaScript y con teclado, tiene un enlace para saltar al contenido, textos alternativos, contraste suficiente y formularios con etiquetas y mensajes de error claros. Los gráficos incluyen siempre una tabla con los mismos datos.',
            'Una batería de pruebas automáticas revisa cada página con axe-core (reglas WCAG 2.1 A y AA) antes de cada publicación.',
          ],
        },
        { heading: 'Limitaciones conocidas', paragraphs: ['Los documentos PDF cargados por las entidades pueden no ser accesibles; pida una versión accesible a la entidad que lo publicó.'] },
        { heading: 'Reporte una barrera', paragraphs: [`Si encuentra una barrera de accesibilidad escríbanos a ${c.email} o llame a la Línea 195. Le responderemos en máximo 15 días hábiles.`] },
      ],
    },
    en: {
      version: '1.0',
      updated: '2026-11-28',
      lead: 'This portal aims to meet level AA of the Web Content Accessibility Guidelines (WCAG) 2.1, as Resolution 1519 of 2020 (MinTIC, Annex 1) requires.',
      sections: [
        {
          heading: 'What we do',
          paragraphs: [
            'Every page works without JavaScript and with a keyboard, has a skip link, text alternatives, sufficient contrast and forms with labels and clear error messages. Charts always include a table with the same data.',
            'An automated suite checks every page with axe-core (WCAG 2.1 A and AA rules) before each release.',
          ],
        },
        { heading: 'Known limitations', paragraphs: ['PDF documents uploaded by entities may not be accessible; ask the publishing entity for an accessible version.'] },
        { heading: 'Report a barrier', paragraphs: [`If you find an accessibility barrier write to ${c.email} or call Line 195. We will answer within 15 business days.`] },
      ],
    },
  },
};

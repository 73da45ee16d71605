import type { Locale, Translate } from '../i18n/i18n.ts';
import { ENTITY_CONTACT } from '../site/entity-contact.ts';

/**
 * The footer every page ends with: the entity's contact details (see site/entity-contact.ts) and
 * the policy links. It depends only on the language, so the layout renders it once per language.
 */
export function SiteFooter({ t, locale }: { t: Translate; locale: Locale }) {
  return (
    <footer class="site-footer">
      <div class="container footer-grid">
        <section aria-labelledby="footer-entity">
          <h2 id="footer-entity">{ENTITY_CONTACT.name}</h2>
          <address>
            {ENTITY_CONTACT.address}
            <br />
            {t('footer.postal_code')}: {ENTITY_CONTACT.postalCode}
            <br />
            {t('footer.hours')}: {ENTITY_CONTACT.hours[locale]}
            <br />
            {ENTITY_CONTACT.phones.map((p) => (
              <>
                {p.label[locale]}: <a href={`tel:${p.tel}`}>{p.value}</a>
                <br />
              </>
            ))}
            {t('footer.email')}: <a href={`mailto:${ENTITY_CONTACT.email}`}>{ENTITY_CONTACT.email}</a>
            <br />
            {t('footer.judicial_notifications')}: <a href={`mailto:${ENTITY_CONTACT.judicialNotifications}`}>{ENTITY_CONTACT.judicialNotifications}</a>
          </address>
        </section>
        <nav aria-labelledby="footer-policies">
          <h2 id="footer-policies">{t('footer.policies')}</h2>
          <ul>
            <li>
              <a href="/terminos">{t('pages.terms.title')}</a>
            </li>
            <li>
              <a href="/privacidad">{t('pages.privacy.title')}</a>
            </li>
            <li>
              <a href="/accesibilidad">{t('pages.accessibility.title')}</a>
            </li>
            <li>
              <a href="/mapa-del-sitio">{t('pages.sitemap.title')}</a>
            </li>
            <li>
              <a href="/api/v1/docs">{t('pages.api_docs.title')}</a>
            </li>
          </ul>
        </nav>
      </div>
      <div class="govco-footer">
        <div class="container">
          <a href="https://www.gov.co/">GOV.CO</a> · {t('footer.licence')}
        </div>
      </div>
    </footer>
  );
}

import type { Config } from '../config';
import { contacts } from '../../domain/contacts';
import type { Lang, Translate } from '../../domain/i18n';
import { html, jsonForScript, SafeHtml } from './html';

export interface PageContext {
  lang: Lang;
  t: Translate;
  config: Config;
  /** The year of the copyright line (from the injected clock). */
  year: number;
  /** Asset URLs (with their cache keys). */
  asset(name: string): string;
}

export interface ChatPageContext extends PageContext {
  /** The CSP nonce Web Chat gives the <style> elements it creates. */
  nonce: string;
  /** « lundi, mardi, jeudi et vendredi : de 8 h 30 à 12 h et de 13 h à 16 h 30; … », from ServiceHours. */
  weeklyHours: string;
  tokenUrl: string;
  directLineMode: 'built-in' | 'azure';
}

/** Links between the pages keep the language: `?lang=en` for English, nothing for French. */
export function pageHref(path: string, lang: Lang): string {
  return lang === 'en' ? `${path}?lang=en` : path;
}

/** The privacy policy: this server's /confidentialite unless PRIVACY_POLICY_URL points elsewhere. */
export function privacyPolicyHref(config: Config, lang: Lang): string {
  const builtIn = `${config.PUBLIC_BASE_URL}/confidentialite`;
  return config.PRIVACY_POLICY_URL === builtIn ? pageHref('/confidentialite', lang) : config.PRIVACY_POLICY_URL;
}

export function layout(
  ctx: PageContext,
  page: { title: string; description: string; path: string; main: SafeHtml; scripts?: SafeHtml; skipTarget: string; skipLabel: string },
): string {
  const { t, lang } = ctx;
  const otherLang: Lang = lang === 'fr' ? 'en' : 'fr';
  const otherCode = t('web:header.otherLanguageCode');
  const doc = html`<!doctype html>
    <html lang="${t('web:htmlLang')}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${page.title}</title>
        <meta name="description" content="${page.description}" />
        <link rel="icon" href="data:," />
        <link rel="stylesheet" href="${ctx.asset('site.css')}" />
      </head>
      <body>
        <a class="skip-link" href="#${page.skipTarget}">${page.skipLabel}</a>
        <header class="piv-header">
          <div class="container piv-header__inner">
            <a class="piv-header__brand" href="${pageHref('/', lang)}">
              <span class="piv-header__government">${t('web:header.government')}</span>
              <span class="piv-header__title">${t('web:header.siteTitle')}</span>
            </a>
            <nav class="piv-header__nav" aria-label="${t('web:header.languageNav')}">
              <a href="${pageHref(page.path, otherLang)}" lang="${otherCode}" hreflang="${otherCode}">${t('web:header.otherLanguage')}</a>
            </nav>
          </div>
        </header>
        <main id="contenu" class="main" tabindex="-1">
          <div class="container">${page.main}</div>
        </main>
        <footer class="site-footer">
          <div class="container site-footer__inner">
            <nav aria-label="${t('web:footer.navLabel')}">
              <ul class="site-footer__links">
                <li><a href="${pageHref('/', lang)}">${t('web:footer.chat')}</a></li>
                <li><a href="${privacyPolicyHref(ctx.config, lang)}">${t('web:footer.privacy')}</a></li>
              </ul>
            </nav>
            <p class="site-footer__ministry">${t('web:footer.ministry')}</p>
            <p class="site-footer__copyright">${t('web:footer.copyright', { year: ctx.year })}</p>
          </div>
        </footer>
        ${page.scripts}
      </body>
    </html> `;
  return doc.value;
}

/** The chat page: heading, automated-assistant notice, Web Chat, transcript download, privacy notice and contacts. */
export function renderChatPage(ctx: ChatPageContext): string {
  const { t, lang, config } = ctx;
  const c = contacts();
  const ca = c.caDotation;
  const clientConfig = {
    lang,
    locale: t('web:webChatLocale'),
    tokenUrl: ctx.tokenUrl,
    mode: ctx.directLineMode,
    nonce: ctx.nonce,
    storageKey: 'assistant-ca-dotation.conversation',
    strings: {
      downloaded: t('web:chat.downloaded', { file: '{file}' }),
      nothingToDownload: t('web:chat.nothingToDownload'),
      newConversationDone: t('web:chat.newConversationDone'),
      unavailable: t('web:chat.unavailable'),
      expired: t('web:chat.expired'),
      resumed: t('web:chat.resumed'),
      transcript: {
        title: t('web:transcript.title'),
        downloadedAt: t('web:transcript.downloadedAt', { date: '{date}' }),
        notice: t('web:transcript.notice'),
        you: t('web:transcript.you'),
        assistant: t('web:transcript.assistant'),
        choices: t('web:transcript.choices'),
        fileName: t('web:transcript.fileName'),
      },
    },
    webChatStrings: t('web:webchat', { returnObjects: true }) as Record<string, string>,
  };

  const main = html` <h1 class="page-title">${t('web:chat.heading')}</h1>
    <p class="lead">${t('web:chat.intro')}</p>
    <div class="layout">
      <section class="chat-panel" id="clavardage" tabindex="-1" aria-labelledby="chat-region-title">
        <div class="notice notice--info">
          <h2 class="notice__title">${t('web:chat.automatedTitle')}</h2>
          <p>${t('web:chat.automated')}</p>
        </div>
        <h2 id="chat-region-title" class="visually-hidden">${t('web:chat.regionLabel')}</h2>
        <div id="webchat" class="webchat-host">
          <p class="webchat-host__loading">${t('web:chat.loading')}</p>
        </div>
        <noscript><p class="notice notice--warning">${t('web:chat.noscript')}</p></noscript>
        <div class="chat-actions" id="chat-actions" role="group" aria-label="${t('web:chat.actionsLabel')}" hidden>
          <button type="button" class="btn btn--primary" id="download-transcript" aria-describedby="download-hint">${t('web:chat.download')}</button>
          <button type="button" class="btn btn--secondary" id="new-conversation">${t('web:chat.newConversation')}</button>
          <p class="hint" id="download-hint">${t('web:chat.downloadHint')}</p>
        </div>
        <p class="chat-status" id="chat-status" role="status" aria-live="polite" aria-atomic="true"></p>
      </section>
      <div class="sidebar">
        <section class="sidebar__section" aria-labelledby="privacy-notice-title">
          <h2 id="privacy-notice-title">${t('web:privacyNotice.heading')}</h2>
          <p>${t('web:privacyNotice.recorded')}</p>
          <p>${t('web:privacyNotice.masked')}</p>
          <p>${t('web:privacyNotice.retention', { days: config.INTERACTION_RETENTION_DAYS })}</p>
          <p><strong>${t('web:privacyNotice.advice')}</strong></p>
          <p><a href="${privacyPolicyHref(config, lang)}">${t('web:privacyNotice.policyLink')}</a></p>
        </section>
        <section class="sidebar__section" aria-labelledby="contact-title">
          <h2 id="contact-title">${t('web:contact.heading')}</h2>
          <h3>${t('web:contact.phonesLabel')}</h3>
          <ul class="plain-list">
            <li><a href="tel:${ca.phoneLocal.tel}">${t('web:contact.phoneLocal', { phone: ca.phoneLocal.display })}</a></li>
            <li><a href="tel:${ca.phoneTollFree.tel}">${t('web:contact.phoneTollFree', { phone: ca.phoneTollFree.display })}</a></li>
          </ul>
          <h3>${t('web:contact.hoursLabel')}</h3>
          <p>${keepTimesTogether(ctx.weeklyHours)}</p>
          <h3>${t('web:contact.emailLabel')}</h3>
          <p><a href="mailto:${ca.emailGeneral.display}">${ca.emailGeneral.display}</a><br />${t('web:contact.emailNote')}</p>
        </section>
      </div>
    </div>
    <script type="application/json" id="chat-config">
      ${jsonForScript(clientConfig)}
    </script>`;

  return layout(ctx, {
    title: t('web:chat.pageTitle'),
    description: t('web:chat.description'),
    path: '/',
    main,
    skipTarget: 'clavardage',
    skipLabel: t('web:skipToChat'),
    scripts: html`<script src="${ctx.asset('webchat.js')}" defer></script>
      <script src="${ctx.asset('chat.js')}" defer></script>`,
  });
}

/** The privacy policy of the assistant: facts from the seeds (contacts) and the configuration only. */
export function renderPrivacyPage(ctx: PageContext): string {
  const { t, lang, config } = ctx;
  const c = contacts();
  const list = (key: string, values: Record<string, unknown> = {}) =>
    html`<ul>
      ${(t(key, { returnObjects: true, ...values }) as string[]).map((item) => html`<li>${item}</li>`)}
    </ul>`;
  const main = html` <article class="policy">
    <h1 class="page-title">${t('web:privacy.heading')}</h1>
    <p class="lead">${t('web:privacy.intro')}</p>
    <h2>${t('web:privacy.who.heading')}</h2>
    <p>${t('web:privacy.who.text')}</p>
    <h2>${t('web:privacy.collected.heading')}</h2>
    ${list('web:privacy.collected.items')}
    <p>${t('web:privacy.collected.storage')}</p>
    <h2>${t('web:privacy.why.heading')}</h2>
    ${list('web:privacy.why.items', { firstContactDays: c.complaints.firstContactBusinessDays.days, answerDays: c.complaints.answerBusinessDays.days })}
    <h2>${t('web:privacy.access.heading')}</h2>
    <p>${t('web:privacy.access.text')}</p>
    <h2>${t('web:privacy.retention.heading')}</h2>
    ${list('web:privacy.retention.items', { interactionDays: config.INTERACTION_RETENTION_DAYS, complaintDays: config.COMPLAINT_RETENTION_DAYS })}
    <h2>${t('web:privacy.transcript.heading')}</h2>
    <p>${t('web:privacy.transcript.text')}</p>
    <h2>${t('web:privacy.rights.heading')}</h2>
    <p>${t('web:privacy.rights.text')}</p>
    <p>
      ${splitAround(t('web:privacy.rights.contact', { email: '\u0000' }), html`<a href="mailto:${c.complaints.email.display}">${c.complaints.email.display}</a>`)}
    </p>
    <p class="policy__back"><a class="btn btn--primary" href="${pageHref('/', lang)}">${t('web:privacy.backToChat')}</a></p>
  </article>`;
  return layout(ctx, {
    title: t('web:privacy.pageTitle'),
    description: t('web:privacy.description'),
    path: '/confidentialite',
    main,
    skipTarget: 'contenu',
    skipLabel: t('web:skipToContent'),
  });
}

/** « 8 h 30 » and « 12 h » never break across lines (no-break spaces, as French typography wants). */
export function keepTimesTogether(text: string): string {
  return text.replace(/(\d{1,2}) h(?: (\d{2}))?\b/g, (_m, hours: string, minutes?: string) =>
    minutes ? `${hours}\u00a0h\u00a0${minutes}` : `${hours}\u00a0h`,
  );
}

/** A translated sentence with a link in place of its marker: the text around it is escaped as usual. */
function splitAround(sentence: string, inner: SafeHtml): SafeHtml {
  const [before, after = ''] = sentence.split('\u0000');
  return html`${before}${inner}${after}`;
}

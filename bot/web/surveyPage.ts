import { COMMENT_MAX_LENGTH } from '../../domain/satisfaction/satisfactionService';
import { SATISFACTION_RATINGS } from '../../domain/satisfaction/satisfactionRepository';
import { html } from './html';
import { layout, pageHref, PageContext } from './pages';

/** What the survey page shows: the form (maybe with errors), or a message (thanks, already rated, not open, invalid link). */
export type SurveyPageState =
  | { kind: 'form'; reference: string; path: string; rating?: string; comment?: string; errors?: Array<'rating' | 'comment'> }
  | { kind: 'message'; message: 'thanks' | 'already' | 'notClosed' | 'invalid'; reference?: string; path: string };

/**
 * The one-question survey after a complaint is closed (`/satisfaction/<token>`): five radio buttons in
 * a fieldset, an optional comment, and a plain form POST (works without JavaScript). It shows nothing
 * about the complaint but its reference.
 */
export function renderSurveyPage(ctx: PageContext, state: SurveyPageState): string {
  const { t, lang } = ctx;
  const reference = state.reference ? html`<p class="survey__reference">${t('satisfaction:page.reference', { reference: state.reference })}</p>` : '';
  const main =
    state.kind === 'message'
      ? html`<article class="survey">
          <h1 class="page-title">${t(`satisfaction:page.${state.message}Title`)}</h1>
          ${reference}
          <p class="lead">${t(`satisfaction:page.${state.message}`)}</p>
          <p><a class="btn btn--secondary" href="${pageHref('/', lang)}">${t('satisfaction:page.backToChat')}</a></p>
        </article>`
      : surveyForm(ctx, state, reference);
  return layout(ctx, {
    title: t('satisfaction:page.pageTitle'),
    description: t('satisfaction:page.description'),
    path: state.path,
    main,
    skipTarget: 'contenu',
    skipLabel: t('web:skipToContent'),
  });
}

function surveyForm(ctx: PageContext, state: Extract<SurveyPageState, { kind: 'form' }>, reference: unknown) {
  const { t, lang } = ctx;
  const errors = state.errors ?? [];
  const ratingError = errors.includes('rating');
  const commentError = errors.includes('comment');
  const messages = { rating: t('satisfaction:page.errorRating'), comment: t('satisfaction:page.errorComment', { max: COMMENT_MAX_LENGTH }) };
  const summary = errors.length
    ? html`<div class="notice notice--warning" role="alert" aria-labelledby="survey-errors-title" tabindex="-1" id="survey-errors">
        <h2 class="notice__title" id="survey-errors-title">${t('satisfaction:page.errorTitle')}</h2>
        <ul>
          ${errors.map((e) => html`<li><a href="#${e === 'rating' ? 'rating-1' : 'comment'}">${messages[e]}</a></li>`)}
        </ul>
      </div>`
    : '';
  const describedRating = ['rating-hint', ratingError ? 'rating-error' : ''].filter(Boolean).join(' ');
  const describedComment = ['comment-hint', commentError ? 'comment-error' : ''].filter(Boolean).join(' ');
  return html`<article class="survey">
    <h1 class="page-title">${t('satisfaction:page.heading')}</h1>
    ${reference}
    <p class="lead">${t('satisfaction:page.intro')}</p>
    ${summary}
    <form class="survey__form" method="post" action="${pageHref(state.path, lang)}" novalidate>
      <fieldset class="survey__fieldset" aria-describedby="${describedRating}">
        <legend class="survey__legend">${t('satisfaction:page.legend')}</legend>
        <p class="hint" id="rating-hint">${t('satisfaction:page.ratingHint')}</p>
        ${ratingError ? html`<p class="field-error" id="rating-error">${messages.rating}</p>` : ''}
        <div class="survey__choices">
          ${SATISFACTION_RATINGS.map(
            (r) => html`<div class="survey__choice">
              <input type="radio" name="rating" id="rating-${r}" value="${r}" ${state.rating === String(r) ? html`checked` : ''} />
              <label for="rating-${r}">${t(`satisfaction:chat.ratings.${r}`)}</label>
            </div>`,
          )}
        </div>
      </fieldset>
      <div class="survey__field">
        <label for="comment">${t('satisfaction:page.commentLabel')}</label>
        <p class="hint" id="comment-hint">${t('satisfaction:page.commentHint', { max: COMMENT_MAX_LENGTH })}</p>
        ${commentError ? html`<p class="field-error" id="comment-error">${messages.comment}</p>` : ''}
        <textarea id="comment" name="comment" rows="4" aria-describedby="${describedComment}" ${commentError ? html`aria-invalid="true"` : ''}>${state.comment ?? ''}</textarea>
      </div>
      <button type="submit" class="btn btn--primary">${t('satisfaction:page.submit')}</button>
    </form>
  </article>`;
}

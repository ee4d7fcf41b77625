import { ActivityHandler, ActivityTypes, ConversationState, StatePropertyAccessor, TurnContext, UserState } from 'botbuilder';
import type { DialogState } from 'botbuilder-dialogs';
import type { MainDialog } from '../dialogs/mainDialog';
import { awaitsAnswer } from '../dialogs/shared/dialogStack';
import { applyLanguageChoice } from '../dialogs/shared/languageChoice';
import { localize } from '../dialogs/shared/localization';
import { withMenu } from '../dialogs/shared/menu';
import type { ConversationData } from '../dialogs/shared/services';
import { contacts } from '../domain/contacts';
import { oversizedTextOf } from './edge/activityLimits';
import { errorSummary } from './errorSummary';
import type { Logger } from './logger';

/**
 * The bot: welcomes the person once when they join, hands every message to the main dialog, and
 * turns an exception into an apology instead of silence. State is saved at the end of every turn, and
 * before a question leaves.
 */
export class AssistantBot extends ActivityHandler {
  private readonly dialogState: StatePropertyAccessor<DialogState>;

  constructor(
    private readonly conversationState: ConversationState,
    private readonly userState: UserState,
    private readonly conversationData: StatePropertyAccessor<ConversationData>,
    private readonly mainDialog: MainDialog,
    private readonly logger: Logger,
  ) {
    super();
    this.dialogState = conversationState.createProperty<DialogState>('dialogState');

    this.onMessage(async (context, next) => {
      const oversized = oversizedTextOf(context.activity);
      // The dialogs never see an over-long message (the edge replaced its text): a form in progress waits.
      if (oversized) await this.answerTooLong(context, oversized.max);
      else await this.mainDialog.run(context, this.dialogState);
      await next();
    });

    this.onMembersAdded(async (context, next) => {
      const joined = (context.activity.membersAdded ?? []).some((m) => m.id !== context.activity.recipient?.id);
      if (joined) await this.welcome(context);
      await next();
    });
  }

  override async run(context: TurnContext): Promise<void> {
    // A question the person sees must already be stored: a crash (kill -9) between a question shown
    // and the end of the turn would otherwise bring the form back one step behind the question they
    // answer. Only then: stored in the middle of a step, the next message would resume that step.
    context.onSendActivities(async (_ctx, _activities, next) => {
      if (awaitsAnswer(await this.dialogState.get(context))) await this.saveState(context);
      return next();
    });
    try {
      await super.run(context);
      // A typing indicator is no turn of the conversation: its state is neither read nor written.
      if (context.activity.type !== ActivityTypes.Typing) {
        const data = await this.conversationData.get(context, {});
        if (data.failedTurns) data.failedTurns = 0;
      }
    } catch (err) {
      await this.recoverFromError(context, err);
    } finally {
      await this.saveState(context);
    }
  }

  /** Writes only what changed since the last write of the turn. */
  private async saveState(context: TurnContext): Promise<void> {
    await this.conversationState.saveChanges(context, false);
    await this.userState.saveChanges(context, false);
  }

  private async welcome(context: TurnContext): Promise<void> {
    const data = await this.conversationData.get(context, {});
    if (data.welcomed) return;
    data.welcomed = true;
    const { t, lang } = localize(context);
    await context.sendActivity([t('common:welcome.intro'), t('common:welcome.capabilities'), t('common:welcome.privacy')].join('\n\n'));
    await context.sendActivity(withMenu(lang, t('common:welcome.prompt')));
  }

  /** In the conversation's language: the one the person chose (« Continue in English » on the French page), else the channel's. */
  private async answerTooLong(context: TurnContext, max: number): Promise<void> {
    await applyLanguageChoice(context, { conversationData: this.conversationData });
    const { t, lang } = localize(context);
    const c = contacts().caDotation;
    const formattedMax = new Intl.NumberFormat(lang === 'en' ? 'en-CA' : 'fr-CA').format(max);
    await context.sendActivity(
      t('edge:tooLong', { max: formattedMax, email: c.emailGeneral.display, local: c.phoneLocal.display, tollFree: c.phoneTollFree.display }),
    );
  }

  /**
   * The turn's unsaved changes are dropped (state is reloaded as it was before the turn), so a form
   * in progress survives one failure; a second failure in a row resets the conversation.
   */
  private async recoverFromError(context: TurnContext, err: unknown): Promise<void> {
    this.logger.error({ err: errorSummary(err), conversationId: context.activity.conversation?.id, activityType: context.activity.type }, 'turn failed');
    const { t, lang } = localize(context);
    try {
      await this.conversationState.load(context, true);
      const data = await this.conversationData.get(context, {});
      data.failedTurns = (data.failedTurns ?? 0) + 1;
      if (data.failedTurns >= 2) {
        await this.dialogState.delete(context);
        data.failedTurns = 0;
        await context.sendActivity(withMenu(lang, t('common:error.reset')));
      } else {
        await context.sendActivity(t('common:error.apology'));
      }
    } catch (recoveryError) {
      this.logger.error({ err: errorSummary(recoveryError), conversationId: context.activity.conversation?.id }, 'could not recover from a failed turn');
    }
  }
}

import type { Clock } from '../clock';
import type { ComplaintService } from '../complaints/complaintService';
import type { PersonalInformationMasker } from '../privacy/masking';
import { SATISFACTION_RATINGS, SatisfactionRating, SatisfactionRepository } from './satisfactionRepository';

/** What the chat's rating is about: an FAQ entry id, or one of these flows. */
export const CONVERSATION_TOPICS = ['exam-problem', 'complaint-intake', 'complaint-status', 'conversation'] as const;

export const COMMENT_MAX_LENGTH = 1000;

/** Whether a closed complaint's survey can be answered (by its signed link or in the chat). */
export type ComplaintSurveyState = 'open' | 'alreadyRated' | 'notClosed' | 'unknown';

export interface WhereRated {
  channelId?: string;
  conversationId?: string;
  locale?: string;
}

/**
 * The one-question satisfaction survey (1 to 5, an optional comment): at the end of a chat, and once
 * per closed complaint. Comments are masked (domain/privacy) before they are stored.
 */
export class SatisfactionService {
  constructor(
    private readonly repository: SatisfactionRepository,
    private readonly complaints: ComplaintService,
    private readonly clock: Clock,
    private readonly masker: PersonalInformationMasker,
  ) {}

  /** A chat rating; returns its id for the comment that may follow. */
  async rateConversation(input: WhereRated & { topic: string; rating: SatisfactionRating }): Promise<number> {
    return this.repository.recordConversation({
      source: 'conversation',
      service: input.topic,
      rating: input.rating,
      ratedAt: this.clock.now(),
      channelId: input.channelId,
      conversationId: input.conversationId,
      locale: input.locale,
    });
  }

  /** The comment typed after a chat rating, masked; false when there is nothing to keep or it was already given. */
  async commentConversation(id: number, conversationId: string, text: string): Promise<boolean> {
    const comment = this.maskedComment(text);
    return comment ? this.repository.attachComment(id, conversationId, comment) : false;
  }

  async complaintSurvey(reference: string): Promise<ComplaintSurveyState> {
    const complaint = await this.complaints.get(reference);
    if (!complaint) return 'unknown';
    if (complaint.status !== 'closed') return 'notClosed';
    return (await this.repository.hasComplaintRating(reference)) ? 'alreadyRated' : 'open';
  }

  /** The rating of a closed complaint, recorded once whatever the number of links opened or forms sent. */
  async rateComplaint(
    input: WhereRated & { reference: string; rating: SatisfactionRating; comment?: string },
  ): Promise<Exclude<ComplaintSurveyState, 'open'> | { recorded: true; id: number }> {
    const complaint = await this.complaints.get(input.reference);
    if (!complaint) return 'unknown';
    if (complaint.status !== 'closed') return 'notClosed';
    const id = await this.repository.recordComplaint({
      source: 'complaint',
      service: complaint.service,
      rating: input.rating,
      comment: input.comment === undefined ? undefined : this.maskedComment(input.comment),
      ratedAt: this.clock.now(),
      complaintReference: complaint.reference,
      channelId: input.channelId,
      conversationId: input.conversationId,
      locale: input.locale,
    });
    return id === undefined ? 'alreadyRated' : { recorded: true, id };
  }

  /** Trimmed, controls removed, cut to the column's length, then masked; undefined when empty. */
  private maskedComment(text: string): string | undefined {
    // eslint-disable-next-line no-control-regex
    const clean = text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '').trim();
    if (!clean) return undefined;
    return this.masker.mask(clean.slice(0, COMMENT_MAX_LENGTH)).slice(0, COMMENT_MAX_LENGTH);
  }
}

/** 1 to 5 from a number or a form field (« 4 »), or undefined. */
export function parseRating(value: unknown): SatisfactionRating | undefined {
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
  if (!/^[1-5]$/.test(text)) return undefined;
  const rating = Number(text) as SatisfactionRating;
  return SATISFACTION_RATINGS.includes(rating) ? rating : undefined;
}

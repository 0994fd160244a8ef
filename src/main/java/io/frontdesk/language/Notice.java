package io.frontdesk.language;

/**
 * A fixed notice a customer reads; its text per language is in {@code
 * notices/notices_<lang>.properties}.
 */
public enum Notice {
  TICKET_CREATED("ticket.created"),
  TICKET_ADDED("ticket.added"),
  TICKET_REPLY("ticket.reply"),
  TICKET_TITLE("ticket.title"),
  TICKET_RESOLVED("ticket.resolved"),
  TICKET_RESOLVED_NOTE("ticket.resolved.note"),
  APPROVAL_REQUESTED("approval.requested"),
  APPROVAL_REFUND("approval.refund"),
  APPROVAL_RESTART("approval.restart"),
  APPROVAL_ACCOUNT("approval.account"),
  APPROVAL_OTHER("approval.other"),
  APPROVAL_WAITING_TITLE("approval.waiting.title"),
  APPROVAL_APPROVED_TITLE("approval.approved.title"),
  APPROVAL_REJECTED_TITLE("approval.rejected.title"),
  APPROVAL_EXPIRED_TITLE("approval.expired.title"),
  APPROVAL_REJECTED("approval.rejected"),
  APPROVAL_REJECTED_NOTE("approval.rejected.note"),
  APPROVAL_EXPIRED("approval.expired"),
  RATE_LIMITED("limit.rate_limited"),
  BUSY("limit.busy"),
  RATE_LIMITED_TITLE("limit.rate_limited.title"),
  BUSY_TITLE("limit.busy.title"),
  GUARD_REFUSAL("guard.refusal"),
  GUARD_ABUSE("guard.abuse"),
  CARE_APOLOGY("care.apology"),
  CARE_OFFER("care.offer"),
  REFUSED_TITLE("refused.title"),
  ERROR_TITLE("error.title"),
  HANDOFF_LANGUAGE("handoff.language"),
  NOT_SAVED("turn.not_saved"),
  NOT_STORED("turn.not_stored"),
  SECONDS("duration.seconds"),
  MINUTES("duration.minutes"),
  HOURS("duration.hours"),
  DAYS("duration.days"),
  PAGE_YOU("page.you"),
  PAGE_ASSISTANT("page.assistant"),
  PAGE_SEND("page.send"),
  PAGE_ANSWERING("page.answering"),
  PAGE_MESSAGE("page.message"),
  PAGE_PLACEHOLDER("page.placeholder"),
  PAGE_RATING_ASK("page.rating.ask"),
  PAGE_RATING_STAR("page.rating.star"),
  PAGE_RATING_COMMENT("page.rating.comment"),
  PAGE_RATING_SEND("page.rating.send"),
  PAGE_RATING_THANKS("page.rating.thanks");

  private final String key;

  Notice(String key) {
    this.key = key;
  }

  /** The key in the properties files. */
  public String key() {
    return key;
  }
}

package io.frontdesk.conversation;

import java.util.UUID;

/**
 * One line of the customer's view of a conversation, as the chat page draws it.
 *
 * @param kind {@code customer} (their message), {@code assistant}, {@code human} (a person of the
 *     team), {@code status} (what a tool did or is doing), {@code approval}, {@code ticket} or
 *     {@code notice} (a notice of Frontdesk's)
 * @param title who wrote a message ("You", "Skyline assistant", a person's name), or a notice's
 *     heading; null for a status line
 * @param content the text, already through {@link CustomerText#visible}
 */
public record CustomerLine(UUID turnId, String kind, String title, String content) {}

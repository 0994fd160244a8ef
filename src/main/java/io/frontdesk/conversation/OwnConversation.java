package io.frontdesk.conversation;

import jakarta.ws.rs.NameBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An endpoint whose {@code {id}} must name one of the calling customer's conversations, checked
 * before the endpoint runs ({@link OwnConversationFilter}): an event stream sends its status and
 * headers as soon as it runs, so a refusal found later could only close a 200 stream silently (and
 * an EventSource would retry for ever); checked first, it is a JSON 404.
 */
@NameBinding
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
public @interface OwnConversation {}

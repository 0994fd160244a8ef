package io.frontdesk.agent;

import io.frontdesk.turn.RunningTurn;
import io.quarkiverse.langchain4j.runtime.aiservice.ChatEvent;
import io.smallrye.mutiny.Multi;

/** What the turn engine needs of any agent: answer a message in a conversation, streaming. */
public interface DeskAgent {

  Multi<ChatEvent> chat(RunningTurn turn, String message);
}

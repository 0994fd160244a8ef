package io.frontdesk.conversation;

/**
 * Fired (CDI event) when the replica begins to shut down, before it waits for its turns: a channel
 * that holds connections (the WebSocket chat) observes it to close idle sockets with a reconnect
 * hint and the others after their turn's done. {@code turnsRunning} is how many turns are still in
 * flight here.
 */
public record ShuttingDown(int turnsRunning) {}

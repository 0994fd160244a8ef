package io.frontdesk.testing;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The stub support model: the scripted server's default script, and a fake LLM for benchmarks. */
public final class StubModelMain {

  private static final String KNOWLEDGE_TOOL = "search_knowledge_base";

  private static final int MAX_QUERY_CHARS = 200;
  private static final int MAX_QUOTE_CHARS = 120;
  private static final String FOUND_FOLLOW_UP =
      "This should answer your question; let me know if you need anything else"
          + " or want me to look further.";
  private static final String GENERIC_ANSWER =
      "Our support team can look into your account, billing or technical issue right away."
          + " Please share any details you have, such as an order number or error message,"
          + " so I can assist.";
  private static final Set<String> OPTIONS =
      Set.of(
          "--port",
          "--latency-ms",
          "--tokens-per-second",
          "--answer-words",
          "--fault",
          "--fault-after");

  // benchmarks ask for long answers (profile B: 200 tokens); 0 keeps the short ones
  private static volatile int answerWords;

  private StubModelMain() {}

  /**
   * Answers like a small support model: routes from triage, searches the knowledge base for a user
   * question, summarizes a tool result, and otherwise gives a generic answer.
   */
  public static Reply reply(RecordedRequest request) {
    if (request.lastMessageIsToolResult()) {
      String result = RecordedRequest.messageText(request.lastMessage());
      return Reply.text(
          padded(
              "Here is what I found: \""
                  + truncate(result, MAX_QUOTE_CHARS)
                  + "\". "
                  + FOUND_FOLLOW_UP));
    }
    if ("user".equals(request.lastMessage().path("role").asText())) {
      if (isTriage(request)) {
        return Reply.toolCall("transfer_to_general", "{\"reason\":\"stub routing\"}");
      }
      if (request.toolNames().contains(KNOWLEDGE_TOOL)) {
        String query = truncate(request.lastUserMessage(), MAX_QUERY_CHARS);
        return Reply.toolCall(
            KNOWLEDGE_TOOL, JsonNodeFactory.instance.objectNode().put("query", query).toString());
      }
    }
    return Reply.text("I can help with that. " + GENERIC_ANSWER);
  }

  private static String padded(String answer) {
    int words = answer.split("\\s+").length;
    if (answerWords <= words) {
      return answer;
    }
    StringBuilder text = new StringBuilder(answer);
    for (int i = words; i < answerWords; i++) {
      text.append(i % 12 == 11 ? " Thanks." : " details");
    }
    return text.toString();
  }

  private static boolean isTriage(RecordedRequest request) {
    String system = request.systemMessage();
    return system != null
        && system.toLowerCase(Locale.ROOT).contains("triage")
        && request.toolNames().stream().anyMatch(name -> name.startsWith("transfer_to_"));
  }

  private static String truncate(String text, int maxChars) {
    if (text.length() <= maxChars) {
      return text;
    }
    // never cut a surrogate pair in half, which would leave invalid text
    int end = Character.isHighSurrogate(text.charAt(maxChars - 1)) ? maxChars - 1 : maxChars;
    return text.substring(0, end);
  }

  /**
   * Serves the stub model until killed: {@code --port N} (8089), {@code --latency-ms N} (0), {@code
   * --tokens-per-second X} (0, unpaced), and, to try Frontdesk against a misbehaving endpoint,
   * {@code --fault drip|end|drop|malformed} (none) after {@code --fault-after N} pieces of every
   * answer (3): drip one byte a second for ever, end the stream early, drop the connection, or send
   * a chunk that is not JSON.
   */
  public static void main(String[] args) throws InterruptedException {
    Map<String, String> options = options(args);
    answerWords = Integer.parseInt(options.getOrDefault("--answer-words", "0"));
    String fault = options.getOrDefault("--fault", "none");
    int after = Integer.parseInt(options.getOrDefault("--fault-after", "3"));
    ScriptedModelServer server =
        ScriptedModelServer.start(Integer.parseInt(options.getOrDefault("--port", "8089")))
            .latency(Duration.ofMillis(Long.parseLong(options.getOrDefault("--latency-ms", "0"))))
            .tokensPerSecond(Double.parseDouble(options.getOrDefault("--tokens-per-second", "0")))
            .setDefault(request -> broken(reply(request), fault, after))
            .countOnly();
    Runtime.getRuntime().addShutdownHook(new Thread(server::close));
    System.out.println("scripted model server listening on " + server.baseUrl());
    Thread.currentThread().join(); // serve until the process is killed
  }

  private static Reply broken(Reply reply, String fault, int after) {
    return switch (fault) {
      case "none" -> reply;
      case "drip" -> reply.drippingAfter(after);
      case "end" -> reply.endingAfter(after);
      case "drop" -> reply.droppingAfter(after);
      case "malformed" -> reply.malformedAfter(after);
      default -> throw new IllegalArgumentException("no fault " + fault);
    };
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i < args.length; i += 2) {
      if (!OPTIONS.contains(args[i]) || i + 1 == args.length) {
        System.err.println(
            "usage: StubModelMain [--port N] [--latency-ms N] [--tokens-per-second X]"
                + " [--answer-words N] [--fault drip|end|drop|malformed] [--fault-after N]");
        System.exit(2);
      }
      options.put(args[i], args[i + 1]);
    }
    return options;
  }
}

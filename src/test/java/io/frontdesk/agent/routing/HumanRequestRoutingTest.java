package io.frontdesk.agent.routing;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontdesk.turn.Route;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A request for a person is the router's human route, recognised by meaning: ordinary questions
 * that use the same words (transfer, someone, manager, agent, connect) are not. The regex this
 * replaced (escalation.HumanRequest) took the first three ordinary questions for requests.
 */
class HumanRequestRoutingTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Can I transfer ownership to someone else?",
        "How do I add a billing manager?",
        "How do I connect the deploy agent to my cluster?",
        "Is there a human-readable log format?",
        "My agent process crashes on start",
        "How do I give my colleague access to the console?"
      })
  void ordinaryQuestionsAreNotRequestsForAPerson(String message) {
    Route route = TrainedRouter.route(message);
    assertFalse(route.is(Route.HUMAN), message + " -> " + route);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Please put me through to a real human",
        "Can I speak with someone from support?",
        "connect me to a real person",
        "I'd like a member of your staff to handle this"
      })
  void requestsForAPersonAre(String message) {
    Route route = TrainedRouter.route(message);
    assertTrue(route.is(Route.HUMAN), message + " -> " + route);
  }
}

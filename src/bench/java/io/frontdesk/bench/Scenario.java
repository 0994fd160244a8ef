package io.frontdesk.bench;

import java.util.List;

/** A scripted customer case: its domain, what the customer says, and the tool that answers it. */
record Scenario(String domain, String message, String tool, String arguments) {

  static final String FOLLOW_UP = "Thanks. What should I do if it happens again?";

  static List<Scenario> all() {
    return List.of(
        new Scenario(
            "billing", "I was charged twice for my subscription this month", "list_invoices", "{}"),
        new Scenario("billing", "Can you send me my latest invoice?", "list_invoices", "{}"),
        new Scenario("billing", "Why did my card payment fail?", "list_invoices", "{}"),
        new Scenario(
            "billing",
            "What is your refund policy for annual plans?",
            "search_knowledge_base",
            "{\"query\":\"refund policy annual plan\"}"),
        new Scenario(
            "billing",
            "How do I add my VAT ID to invoices?",
            "search_knowledge_base",
            "{\"query\":\"VAT ID invoices\"}"),
        new Scenario("billing", "My invoice total looks wrong", "list_invoices", "{}"),
        new Scenario(
            "billing",
            "When will my refund reach my card?",
            "search_knowledge_base",
            "{\"query\":\"refund how long card\"}"),
        new Scenario("technical", "My service is down", "list_services", "{}"),
        new Scenario(
            "technical", "My deploy keeps crashing after the last release", "list_services", "{}"),
        new Scenario(
            "technical",
            "I get error 502 on my web app",
            "search_documentation",
            "{\"query\":\"502 bad gateway\"}"),
        new Scenario("technical", "Is my TLS certificate expired?", "list_services", "{}"),
        new Scenario(
            "technical",
            "How do I read my service logs from the CLI?",
            "search_documentation",
            "{\"query\":\"logs CLI\"}"),
        new Scenario(
            "technical",
            "The API returns 429 Too Many Requests",
            "search_documentation",
            "{\"query\":\"rate limit 429\"}"),
        new Scenario("technical", "My worker ran out of memory", "list_services", "{}"),
        new Scenario(
            "general",
            "I forgot my password",
            "perform_account_action",
            "{\"action\":\"password_reset\"}"),
        new Scenario(
            "general",
            "I want to change my email address",
            "perform_account_action",
            "{\"action\":\"email_update\"}"),
        new Scenario(
            "general",
            "Which plan am I on?",
            "perform_account_action",
            "{\"action\":\"subscription_info\"}"),
        new Scenario(
            "general",
            "How do I enable two-factor authentication?",
            "search_knowledge_base",
            "{\"query\":\"enable two-factor authentication\"}"),
        new Scenario(
            "general",
            "How do I export all my data?",
            "search_knowledge_base",
            "{\"query\":\"export data\"}"),
        new Scenario(
            "general",
            "How do I invite a teammate?",
            "search_knowledge_base",
            "{\"query\":\"invite team member\"}"),
        new Scenario(
            "general",
            "What happens when my trial ends?",
            "search_knowledge_base",
            "{\"query\":\"trial ends\"}"));
  }
}

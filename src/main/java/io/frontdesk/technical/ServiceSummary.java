package io.frontdesk.technical;

/** One of the customer's services, enough for the model to tell which one is meant. */
public record ServiceSummary(
    String serviceId, String name, String type, String region, String status) {}

package io.frontdesk.technical;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** One of the customer's services, enough for the model to tell which one is meant. */
@RegisterForReflection
public record ServiceSummary(
    String serviceId, String name, String type, String region, String status) {}

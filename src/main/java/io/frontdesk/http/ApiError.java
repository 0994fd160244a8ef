package io.frontdesk.http;

/** The body of every 4xx answer: a stable code and a sentence saying what was wrong. */
public record ApiError(String error, String message) {}

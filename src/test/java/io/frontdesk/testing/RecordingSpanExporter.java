package io.frontdesk.testing;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Keeps exported spans in memory for tests (the OTLP exporter is off in tests); the newest 10,000
 * only, since every test's turns are traced where the SDK is on.
 */
@Singleton
public class RecordingSpanExporter implements SpanExporter {

  private static final int KEEP = 10_000;
  private final List<SpanData> spans = new ArrayList<>();

  @Override
  public synchronized CompletableResultCode export(Collection<SpanData> batch) {
    spans.addAll(batch);
    if (spans.size() > KEEP) {
      spans.subList(0, spans.size() - KEEP).clear();
    }
    return CompletableResultCode.ofSuccess();
  }

  public synchronized List<SpanData> spans() {
    return List.copyOf(spans);
  }

  public synchronized void reset() {
    spans.clear();
  }

  @Override
  public CompletableResultCode flush() {
    return CompletableResultCode.ofSuccess();
  }

  @Override
  public CompletableResultCode shutdown() {
    return CompletableResultCode.ofSuccess();
  }
}

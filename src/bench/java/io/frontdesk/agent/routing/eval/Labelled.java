package io.frontdesk.agent.routing.eval;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/** One labelled text of an evaluation set, with its deterministic fold. */
record Labelled(String text, String label) {

  /** Fold 0..n-1 by a CRC-32 of the text, so identical texts share a fold. */
  int fold(int n) {
    CRC32 crc = new CRC32();
    crc.update(text.getBytes(StandardCharsets.UTF_8));
    return (int) (crc.getValue() % n);
  }
}

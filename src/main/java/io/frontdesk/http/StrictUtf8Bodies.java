package io.frontdesk.http;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * Request bodies in JSON or text must be well-formed UTF-8: an overlong form ({@code C0 AF} for
 * "/"), an encoded surrogate ({@code ED A0 80}) or a truncated sequence is a 400 saying at which
 * byte, instead of text the JSON reader would accept and rewrite silently. The JDK's strict decoder
 * judges; the bytes pass through unchanged.
 */
@Provider
public class StrictUtf8Bodies implements ReaderInterceptor {

  @Override
  public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
    if (isUtf8Text(context.getMediaType())) {
      context.setInputStream(new Checked(context.getInputStream()));
    }
    return context.proceed();
  }

  static boolean isUtf8Text(MediaType type) {
    if (type == null) {
      return false;
    }
    String charset = type.getParameters().get(MediaType.CHARSET_PARAMETER);
    if (charset != null && !charset.equalsIgnoreCase("utf-8")) {
      return false;
    }
    return type.getType().equals("text")
        || type.getSubtype().equals("json")
        || type.getSubtype().endsWith("+json");
  }

  /** Passes the bytes on and stops at the first that is not UTF-8. */
  static final class Checked extends FilterInputStream {

    private final CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final CharBuffer sink = CharBuffer.allocate(512);
    // the start of a sequence that continues in the next read (at most 3 bytes)
    private final ByteBuffer carry = ByteBuffer.allocate(4);
    private long decoded;
    private boolean finished;

    Checked(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        check(ByteBuffer.wrap(b, off, n));
      } else if (n < 0) {
        finish();
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      // skipped bytes are not checked: read them instead
      byte[] buffer = new byte[(int) Math.min(n, 8192)];
      int read = read(buffer, 0, buffer.length);
      return Math.max(read, 0);
    }

    @Override
    public boolean markSupported() {
      return false;
    }

    private void check(ByteBuffer bytes) {
      ByteBuffer input = bytes;
      if (carry.position() > 0) {
        carry.flip();
        input = ByteBuffer.allocate(carry.remaining() + bytes.remaining());
        input.put(carry).put(bytes).flip();
        carry.clear();
      }
      decode(input, false);
      decoded += input.position();
      carry.put(input);
    }

    private void finish() {
      if (finished) {
        return;
      }
      finished = true;
      carry.flip();
      decode(carry, true);
    }

    private void decode(ByteBuffer input, boolean end) {
      while (true) {
        sink.clear();
        CoderResult result = decoder.decode(input, sink, end);
        if (result.isError()) {
          throw refusal(input, result.length());
        }
        if (result.isUnderflow()) {
          return;
        }
      }
    }

    private BadRequest refusal(ByteBuffer input, int length) {
      byte[] bad = new byte[Math.min(length, input.remaining())];
      input.get(input.position(), bad);
      return new BadRequest(
          "the body is not valid UTF-8 at byte %d (%s: an overlong form, an encoded surrogate or a"
                  .formatted(
                      decoded + input.position(),
                      HexFormat.ofDelimiter(" ").withUpperCase().formatHex(bad))
              + " broken sequence); send the text as UTF-8");
    }
  }
}

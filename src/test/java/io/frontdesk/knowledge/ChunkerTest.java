package io.frontdesk.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontdesk.demo.DemoDocuments;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChunkerTest {

  @Test
  void shortParagraphsShareAPassageAndEveryPassageCarriesTheTitle() {
    List<Chunker.Chunk> chunks = Chunker.chunk("Reset", "First paragraph.\n\nSecond one.");
    assertEquals(1, chunks.size());
    assertEquals("First paragraph.\n\nSecond one.", chunks.getFirst().content());
    assertEquals("Reset\n\nFirst paragraph.\n\nSecond one.", chunks.getFirst().embedded());
  }

  @Test
  void longTextIsCutOnParagraphsThenSentencesWithinTheWordLimit() {
    String sentence = "word ".repeat(29) + "end. ";
    String longParagraph = sentence.repeat(10).strip(); // 300 words in one paragraph
    List<Chunker.Chunk> chunks = Chunker.chunk("T", "Intro.\n\n" + longParagraph);
    assertTrue(chunks.size() >= 3, chunks.size() + " passages");
    for (int i = 0; i < chunks.size(); i++) {
      assertEquals(i, chunks.get(i).ordinal());
      assertTrue(Chunker.words(chunks.get(i).content()) <= Chunker.MAX_WORDS);
    }
  }

  @Test
  void aHeadingStartsANewPassage() {
    List<Chunker.Chunk> chunks = Chunker.chunk("T", "Intro.\n\n### Steps\n\nDo this.");
    assertEquals(2, chunks.size());
    assertTrue(chunks.get(1).content().startsWith("### Steps"));
  }

  @Test
  void everyDemoDocumentIsCutIntoBoundedPassages() {
    for (DemoDocuments.Entry e : DemoDocuments.knowledgeBase()) {
      List<Chunker.Chunk> chunks = Chunker.chunk(e.title(), e.body());
      assertTrue(!chunks.isEmpty(), e.id());
      chunks.forEach(c -> assertTrue(Chunker.words(c.content()) <= Chunker.MAX_WORDS, e.id()));
    }
  }
}
